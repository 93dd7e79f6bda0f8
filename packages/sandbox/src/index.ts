export { DEFAULT_CALLBACK_TOKEN, DEFAULT_SECRET_KEY, DEFAULT_WEBHOOK_SECRET, startSandbox } from './server';
export { signWebhook } from './webhooks';
export { TEST_CARDS } from './test-cards';
export { THREE_DS_CODE } from './routes/three-ds';

export type { PaymentRequest } from './model';
export type { Sandbox, SandboxOptions } from './server';
export type { Outcome, TestCard } from './test-cards';
export type { WebhookOptions } from './webhooks';
export type { WebhookType } from './webhook-events';
