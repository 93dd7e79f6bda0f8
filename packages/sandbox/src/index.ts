export { DEFAULT_CALLBACK_TOKEN, DEFAULT_WEBHOOK_SECRET, DEFAULT_SECRET_KEY, startSandbox } from './server';
export { signWebhook } from './webhooks';
export { TEST_CARDS } from './test-cards';
export { THREE_DS_CODE } from './routes/three-ds';
/** The HTTP contract: schemas (checks, types, JSON Schema), operations, the OpenAPI document. */
export * as contract from './contract';

export type { PaymentRequest, Session } from './model';
export type { Sandbox, SandboxOptions } from './server';
export type { Outcome, TestCard } from './test-cards';
export type { WebhookOptions } from './webhooks';
export type { WebhookType } from './webhook-events';
