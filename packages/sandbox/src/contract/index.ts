// The sandbox's HTTP contract: schemas (checks, types, JSON Schema), operations, the OpenAPI
// document. Node-only; a future `@cards-session/node` server package can import its types.
export * from './schema';
export * from './schemas';
export { OPERATIONS, TAGS, operation } from './operations';
export type { Answer, Auth, HeaderRule, Operation, OperationId, Parameter, RequestBody, Tag } from './operations';
export { openApiDocument } from './openapi';
export * from './webhooks';
