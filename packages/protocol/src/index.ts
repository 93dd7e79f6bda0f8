export { CARD_BRANDS, checkCvn, cvnLengths, filterCvnInput, isCardBrand, maxCvnLength } from './cvn';
export { ErrorCode, errorType, isErrorCode } from './errors';
export { LOCALES, resolveLocale } from './locales';
export { MessageName, PROTOCOL_VERSION } from './messages';
export { isLoopbackOrigin, isOrigin } from './origins';
export { isFieldState, parseFrameBound, parseParentBound, parseSubmitReply, parseThreeDsResult } from './schema';

export type { CardBrand, CvnState } from './cvn';
export type { ApiErrorBody, ErrorType } from './errors';
export type { Locale } from './locales';
export type {
  Channel,
  FieldErrorCode,
  FieldState,
  FrameBoundName,
  FrameBoundPayloads,
  ParentBoundName,
  ParentBoundPayloads,
  PaymentResult,
  SubmitReply,
  ThreeDsResult,
} from './messages';
