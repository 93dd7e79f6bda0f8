export { createCardsSession } from './client';
export type { CardsSession, CardsSessionOptions, CreateSessionBody, Session } from './client';
export { CardsSessionError, GATEWAY_ERROR_CODES } from './errors';
export type { CardsSessionErrorCode, GatewayErrorCode, LocalErrorCode } from './errors';
export { RESULT_TOKEN_AUDIENCE, RESULT_TOKEN_TYPE } from './result-token';
export type { ResultClaims, ResultTokenExpectations } from './result-token';
export { WEBHOOK_EVENT_TYPES, verifyWebhook } from './webhooks';
export type {
  PaymentEventData,
  SessionEventData,
  WebhookCard,
  WebhookEnvelope,
  WebhookEvent,
  WebhookSecrets,
} from './webhooks';
