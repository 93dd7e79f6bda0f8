import { isOrigin, resolveLocale, LOCALES, type Locale } from '@cards-session/protocol';
import { validationError } from './errors';
import { findTestCard } from './test-cards';

/** A validated `POST /v1/sessions` body. */
export interface SessionInput {
  reference_id: string;
  session_type: 'PAY' | 'SAVE';
  amount: number;
  currency: string;
  country: string;
  customer: Record<string, unknown> | null;
  cards_session_js: { card_payment_token_id: string; success_return_url: string; failure_return_url: string };
  allowed_origins: string[];
  expires_at: number | null;
  locale: Locale;
  metadata: Record<string, unknown> | null;
}

const MAX_SESSION_MS = 24 * 60 * 60 * 1000;
const KNOWN_KEYS = new Set([
  'reference_id',
  'session_type',
  'amount',
  'currency',
  'country',
  'customer',
  'cards_session_js',
  'allowed_origins',
  'expires_at',
  'locale',
  'metadata',
]);

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isReturnUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    );
  } catch {
    return false;
  }
}

/**
 * Checks a session body field by field; throws one `API_VALIDATION_ERROR` listing every
 * problem as "expected X, received Y".
 */
export function parseSessionInput(body: Record<string, unknown>, now = Date.now()): SessionInput {
  const errors: { path: string; message: string }[] = [];
  const fail = (path: string, expected: string, value: unknown) =>
    errors.push({ path, message: `expected ${expected}, received ${describe(value)}` });

  for (const key of Object.keys(body)) if (!KNOWN_KEYS.has(key)) fail(key, 'no such field', body[key]);

  const {
    reference_id,
    session_type,
    amount,
    currency,
    country,
    customer,
    cards_session_js,
    allowed_origins,
    expires_at,
    locale,
    metadata,
  } = body;
  if (typeof reference_id !== 'string' || reference_id.length < 1 || reference_id.length > 255)
    fail('reference_id', 'a string of 1 to 255 characters', reference_id);
  if (session_type !== 'PAY' && session_type !== 'SAVE') fail('session_type', '"PAY" or "SAVE"', session_type);
  const amountOk = typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 && amount <= 1e12;
  if (!amountOk || (session_type === 'PAY' && amount === 0))
    fail('amount', session_type === 'PAY' ? 'a positive number' : 'a number ≥ 0', amount);
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    fail('currency', 'an ISO 4217 code such as "IDR"', currency);
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))
    fail('country', 'an ISO 3166 alpha-2 code such as "ID"', country);
  if (customer !== undefined && customer !== null && !isRecord(customer)) fail('customer', 'an object', customer);
  if (metadata !== undefined && metadata !== null && !isRecord(metadata)) fail('metadata', 'an object', metadata);
  if (locale !== undefined && !(typeof locale === 'string' && resolveLocale(locale) === locale))
    fail('locale', `one of ${LOCALES.join(', ')}`, locale);

  if (!isRecord(cards_session_js)) {
    fail('cards_session_js', 'an object', cards_session_js);
  } else {
    const token = cards_session_js.card_payment_token_id;
    if (typeof token !== 'string' || !findTestCard(token))
      fail('cards_session_js.card_payment_token_id', 'a stored card token (see the test-card table)', token);
    for (const key of ['success_return_url', 'failure_return_url'] as const) {
      if (!isReturnUrl(cards_session_js[key]))
        fail(`cards_session_js.${key}`, 'an absolute https: URL (http: on localhost)', cards_session_js[key]);
    }
  }

  if (!Array.isArray(allowed_origins) || allowed_origins.length < 1 || allowed_origins.length > 20) {
    fail('allowed_origins', 'an array of 1 to 20 origins such as "https://shop.example"', allowed_origins);
  } else {
    allowed_origins.forEach((o, i) => {
      if (!isOrigin(o)) fail(`allowed_origins[${i}]`, 'an origin: scheme://host[:port], no path', o);
    });
  }

  let expiresAt: number | null = null;
  if (expires_at !== undefined) {
    const t = typeof expires_at === 'string' ? Date.parse(expires_at) : NaN;
    if (!Number.isFinite(t) || t <= now || t > now + MAX_SESSION_MS)
      fail('expires_at', 'an ISO 8601 time in the next 24 hours', expires_at);
    else expiresAt = t;
  }

  if (errors.length) throw validationError(errors);
  const js = cards_session_js as SessionInput['cards_session_js'];
  return {
    reference_id: reference_id as string,
    session_type: session_type as 'PAY' | 'SAVE',
    amount: amount as number,
    currency: currency as string,
    country: country as string,
    customer: (customer as Record<string, unknown> | undefined) ?? null,
    cards_session_js: {
      card_payment_token_id: js.card_payment_token_id,
      success_return_url: js.success_return_url,
      failure_return_url: js.failure_return_url,
    },
    allowed_origins: allowed_origins as string[],
    expires_at: expiresAt,
    locale: (locale as Locale | undefined) ?? 'en',
    metadata: (metadata as Record<string, unknown> | undefined) ?? null,
  };
}
