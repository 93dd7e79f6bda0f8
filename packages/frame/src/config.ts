import {
  ErrorCode,
  PROTOCOL_VERSION,
  checkFonts,
  parseFrameOptions,
  isCardBrand,
  isChannel,
  isErrorCode,
  isOrigin,
  resolveLocale,
  type CardBrand,
  type FontSource,
  type FrameOptions,
  type Locale,
} from '@cards-session/protocol';

/** What the gateway embedded in the frame document. */
export type FrameConfig =
  | {
      ok: true;
      /** The merchant origin the server bound to the session: the only one the frame trusts. */
      origin: string;
      session: string;
      brand: CardBrand;
      locale: Locale;
      clientToken: string;
      /** Web fonts the gateway allowed (and put in the frame's CSP). */
      fonts: FontSource[];
    }
  | { ok: false; origin: string | null; code: ErrorCode; message: string };

/** What the SDK put in the frame URL's fragment (never sent to a server). */
export interface HashOptions {
  channel: string;
  version: number;
  locale?: Locale;
  /** Show the "What is the CVN?" button. */
  help: boolean;
  /** Style, placeholder, label, disabled: checked like every later update. */
  options: FrameOptions;
}

/** Reads the configuration the gateway embedded as JSON data. */
export function readConfig(doc: Document): FrameConfig {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(doc.getElementById('cs-config')?.textContent ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) data = parsed as Record<string, unknown>;
  } catch {
    // fall through: an unreadable config is an internal error below
  }
  const origin = isOrigin(data.origin) ? data.origin : null;
  const error = data.error as { code?: unknown; message?: unknown } | undefined;
  if (error) {
    return {
      ok: false,
      origin,
      code: isErrorCode(error.code) ? error.code : ErrorCode.GATEWAY_ERROR,
      message: typeof error.message === 'string' ? error.message : 'The gateway refused the frame',
    };
  }
  const { session, brand, client_token: clientToken } = data;
  if (
    !origin ||
    typeof session !== 'string' ||
    !isCardBrand(brand) ||
    typeof clientToken !== 'string' ||
    data.version !== PROTOCOL_VERSION
  ) {
    return { ok: false, origin, code: ErrorCode.GATEWAY_ERROR, message: 'The frame document is malformed' };
  }
  const fonts = Array.isArray(data.fonts) && checkFonts(data.fonts) === null ? (data.fonts as FontSource[]) : [];
  return { ok: true, origin, session, brand, locale: resolveLocale(data.locale), clientToken, fonts };
}

/**
 * Reads the fragment the SDK set: `#channel=…&v=…&locale=…&help=1&options=<JSON>`. Options that
 * fail the protocol's checks are dropped whole; the field then shows its defaults.
 */
export function readHash(hash: string): HashOptions | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const channel = params.get('channel') ?? '';
  const version = Number(params.get('v'));
  if (!isChannel(channel) || !Number.isInteger(version)) return null;
  let options: FrameOptions = {};
  try {
    options = parseFrameOptions(JSON.parse(params.get('options') ?? '{}')) ?? {};
  } catch {
    // malformed JSON: defaults
  }
  const locale = params.get('locale');
  return {
    channel,
    version,
    locale: locale === null ? undefined : resolveLocale(locale),
    help: params.get('help') === '1',
    options,
  };
}
