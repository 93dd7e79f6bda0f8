import {
  ErrorCode,
  PROTOCOL_VERSION,
  isCardBrand,
  isErrorCode,
  isOrigin,
  resolveLocale,
  type CardBrand,
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
    }
  | { ok: false; origin: string | null; code: ErrorCode; message: string };

/** What the SDK put in the frame URL's fragment. */
export interface HashOptions {
  channel: string;
  version: number;
  locale?: Locale;
  placeholder?: string;
  ariaLabel?: string;
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
  return { ok: true, origin, session, brand, locale: resolveLocale(data.locale), clientToken };
}

/** Reads the fragment the SDK set: `#channel=…&v=…&placeholder=…&aria-label=…`. */
export function readHash(hash: string): HashOptions | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const channel = params.get('channel') ?? '';
  const version = Number(params.get('v'));
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(channel) || !Number.isInteger(version)) return null;
  const text = (name: string) => {
    const value = params.get(name);
    return value !== null && value.length <= 200 ? value : undefined;
  };
  const locale = params.get('locale');
  return {
    channel,
    version,
    locale: locale === null ? undefined : resolveLocale(locale),
    placeholder: text('placeholder'),
    ariaLabel: text('aria-label'),
  };
}
