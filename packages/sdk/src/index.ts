export { CardsSessionError } from './errors';
export { CvnField } from './field';
export { CardsSession, DEFAULT_GATEWAY_ORIGIN, init } from './session';
export { version } from './version';
export { ErrorCode } from '@cards-session/protocol';

export type { FieldEventName, FieldEvents, Unsubscribe } from './events';
export type { FieldOptions, FieldUpdate, InitOptions } from './options';
export type { AuthenticateOptions, FieldType, SessionEvents } from './session';
export type { AuthenticationResult } from './three-ds';
export type {
  CardBrand,
  ErrorType,
  FieldErrorCode,
  FieldState,
  FieldStyle,
  FontSource,
  Locale,
  PaymentResult,
  StyleDeclarations,
  StyleProperty,
  StyleVariant,
} from '@cards-session/protocol';
