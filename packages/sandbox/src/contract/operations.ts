import type { Operation } from './operation';
import { BROWSER_OPERATIONS } from './operations-browser';
import { FORM_OPERATIONS } from './operations-forms';
import { SERVER_OPERATIONS } from './operations-server';

export type { Answer, Auth, HeaderRule, Operation, Parameter, RequestBody, Tag } from './operation';
export { TAGS } from './operation';

/** The operations of the contract, in the order the document lists them. */
export const OPERATIONS = [
  ...SERVER_OPERATIONS,
  ...FORM_OPERATIONS,
  ...BROWSER_OPERATIONS,
] as const satisfies readonly Operation[];

/** An operation's id. */
export type OperationId = (typeof OPERATIONS)[number]['operationId'];

/** The operation with this id. */
export function operation(id: OperationId): Operation {
  const found = OPERATIONS.find((op) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}
