export { CARD_BRANDS, checkCvn, cvnLengths, filterCvnInput, isCardBrand, maxCvnLength } from './cvn';
export { ErrorCode, errorType, isErrorCode } from './errors';
export { LOCALES, resolveLocale } from './locales';
export { MessageName, PROTOCOL_VERSION } from './messages';
export { isLoopbackOrigin, isOrigin } from './origins';
export {
  isFieldState,
  parseFocusReply,
  parseFrameBound,
  parseFrameOptions,
  parseParentBound,
  parseSubmitReply,
  parseThreeDsMessage,
} from './schema';
export { STYLE_PROPERTIES, STYLE_VARIANTS, checkFonts, checkStyle } from './styles';

export type { CardBrand, CvnState } from './cvn';
export type { ApiErrorBody, ErrorType } from './errors';
export type { Locale } from './locales';
export type { FieldStyle, FontSource, StyleDeclarations, StyleProblem, StyleProperty, StyleVariant } from './styles';
export type {
  Channel,
  FieldErrorCode,
  FieldState,
  FocusReply,
  FrameBoundName,
  FrameBoundPayloads,
  FrameOptions,
  ParentBoundName,
  ParentBoundPayloads,
  PaymentResult,
  SubmitReply,
  ThreeDsReady,
  ThreeDsResult,
} from './messages';
