export { CARD_BRANDS, checkCvn, cvnLengths, cvnPattern, filterCvnInput, isCardBrand, maxCvnLength } from './cvn';
export { ErrorCode, errorType, isErrorCode } from './errors';
export { frameTexts } from './frame-texts';
export { LOCALES, resolveLocale } from './locales';
export { MessageName, PROTOCOL_VERSION } from './messages';
export { isLoopbackOrigin, isOrigin } from './origins';
export {
  isChannel,
  isFieldState,
  parseFrameBound,
  parseFrameOptions,
  parseParentBound,
  parseReply,
  parseThreeDsMessage,
} from './schema';
export { STYLE_PROPERTIES, STYLE_VARIANTS, checkFonts, checkStyle } from './styles';

export type { CardBrand, CvnState } from './cvn';
export type { ApiErrorBody, ErrorType, FieldProblem, FormProblem } from './errors';
export type { FrameTexts } from './frame-texts';
export type { Locale } from './locales';
export type { FieldStyle, FontSource, StyleDeclarations, StyleProblem, StyleProperty, StyleVariant } from './styles';
export type {
  Channel,
  CommandName,
  FieldErrorCode,
  FieldState,
  FocusReply,
  FrameBoundName,
  FrameBoundPayloads,
  FrameOptions,
  MessageBody,
  ParentBoundName,
  ParentBoundPayloads,
  PaymentResult,
  Replies,
  RequestName,
  SubmitReply,
  ThreeDsMessage,
  ThreeDsReady,
  ThreeDsResult,
} from './schema';
