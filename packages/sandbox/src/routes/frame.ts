import {
  ErrorCode,
  PROTOCOL_VERSION,
  checkFonts,
  isOrigin,
  type ErrorCode as Code,
  type FontSource,
} from '@cards-session/protocol';
import type { Gateway } from '../context';
import { ApiError } from '../errors';
import { sendHtml, type Router } from '../http';
import { renderFormBody } from '../forms/render';
import { FORM_CSS, FORM_HTML } from '../forms/files';
import { renderFrame, type FramePage } from '../pages';
import { frameHeaders } from '../security-headers';
import { loadSession, paymentRequestsExhausted, requireActive } from '../sessions';
import type { Session } from '../model';

/**
 * `GET /v1/frames/cvn?session=…&origin=…`: the CVN frame document. The merchant origin the frame
 * will trust is the one the server checked against the session, never the parent's word.
 */
export function frameRoutes(router: Router, gw: Gateway): void {
  router.route('getCvnFrame', async ({ res, url }) => {
    const sessionId = url.searchParams.get('session') ?? '';
    const origin = url.searchParams.get('origin') ?? '';

    // A refusal is still a document the SDK can hear: it names the error to the page that
    // asked (frame-ancestors keeps it to that origin) and holds nothing of the session.
    const refuse = (status: number, code: Code, message: string) => {
      const ancestor = isOrigin(origin) ? origin : null;
      const html = renderFrame(gw.assets, 'en', {
        version: PROTOCOL_VERSION,
        origin: ancestor,
        error: { code, message },
      });
      sendHtml(res, status, html, frameHeaders(gw.assets.frameStyleHash, ancestor));
    };

    if (!isOrigin(origin))
      return refuse(400, ErrorCode.API_VALIDATION_ERROR, 'expected origin to be the merchant page origin');
    let session;
    try {
      session = loadSession(gw, sessionId);
      requireActive(session);
    } catch (err) {
      if (err instanceof ApiError) return refuse(err.status, err.code, err.message);
      throw err;
    }
    if (session.cvnAttempts >= gw.maxCvnAttempts) {
      return refuse(429, ErrorCode.TOO_MANY_ATTEMPTS, 'Too many wrong security codes: this session is locked');
    }
    const exhausted = paymentRequestsExhausted(gw, session.payment_session_id);
    if (exhausted) return refuse(exhausted.status, exhausted.code, exhausted.message);
    if (!session.allowed_origins.includes(origin)) {
      return refuse(403, ErrorCode.ORIGIN_NOT_ALLOWED, `${origin} is not in this session's allowed_origins`);
    }
    // Fonts the merchant asked for: only well-formed https woff/woff2 URLs, each then listed in
    // the frame's CSP font-src; anything else is dropped and the field falls back to system fonts.
    let fonts: FontSource[] = [];
    try {
      const asked: unknown = JSON.parse(url.searchParams.get('fonts') ?? '[]');
      if (checkFonts(asked) === null) fonts = asked as FontSource[];
    } catch {
      fonts = [];
    }
    const clientToken = await gw.tokens.issueClient(
      session.payment_session_id,
      origin,
      'payment_with_session',
      Date.parse(session.expires_at),
    );
    const formId = gw.store.sessionForm(session.payment_session_id);
    const form = formId ? renderForm(gw, formId, session) : undefined;
    const html = renderFrame(
      gw.assets,
      session.locale,
      {
        version: PROTOCOL_VERSION,
        origin,
        session: session.payment_session_id,
        brand: session.card.brand,
        locale: session.locale,
        expires_at: session.expires_at,
        client_token: clientToken,
        fonts: form ? [] : fonts,
      },
      form,
    );
    sendHtml(
      res,
      200,
      html,
      frameHeaders(
        gw.assets.frameStyleHash,
        origin,
        fonts.map((f) => {
          const u = new URL(f.src);
          return `${u.origin}${u.pathname}`;
        }),
        form !== undefined,
      ),
    );
  });
}

/** The pinned form version of a session, rendered for it: placeholders filled, files under the version's route. */
function renderForm(gw: Gateway, formId: string, session: Session): FramePage {
  const template = gw.store.forms.file(formId, FORM_HTML);
  if (!template) throw new Error(`form version ${formId} has no template`);
  const base = `/v1/frames/forms/${formId}/`;
  const values = { ...session.card, amount: session.amount, currency: session.currency, locale: session.locale };
  return {
    body: renderFormBody(new TextDecoder().decode(template.data), values, base),
    stylesheet: gw.store.forms.file(formId, FORM_CSS) ? `${base}${FORM_CSS}` : null,
  };
}
