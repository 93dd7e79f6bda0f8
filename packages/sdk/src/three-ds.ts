import { MessageName, parseThreeDsMessage, type Locale } from '@cards-session/protocol';

/** How a modal 3-D Secure challenge ended. */
export interface AuthenticationResult {
  payment_request_id: string;
  /** `SUCCEEDED` or `FAILED` as the gateway reported it; `CANCELED` if the shopper closed it. */
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELED';
}

const TEXT: Record<Locale, { title: string; close: string }> = {
  en: { title: 'Verify your payment with your bank', close: 'Cancel verification' },
  id: { title: 'Verifikasi pembayaran dengan bank Anda', close: 'Batalkan verifikasi' },
};

/** How long the challenge has to show in the modal before the SDK falls back to a redirect. */
export const MODAL_READY_TIMEOUT = 8000;

/**
 * Shows the 3-D Secure page in an overlay iframe. Resolves with the outcome the page posts
 * (checked: exact gateway origin, that iframe's window, protocol schema). Resolves `null` when the
 * page never says it is showing — a bank page that refuses framing — so the caller redirects.
 */
export function showChallenge(
  actionUrl: URL,
  gatewayOrigin: string,
  locale: Locale,
  paymentRequestId: string,
  doc: Document = document,
): Promise<AuthenticationResult | null> {
  const view = doc.defaultView as Window;
  const url = new URL(actionUrl);
  url.searchParams.set('mode', 'modal');
  url.searchParams.set('origin', view.location.origin);

  const overlay = doc.createElement('div');
  overlay.className = 'cs-3ds';
  overlay.setAttribute('role', 'dialog');
  overlay.setAttribute('aria-modal', 'true');
  overlay.setAttribute('aria-label', TEXT[locale].title);
  Object.assign(overlay.style, {
    position: 'fixed',
    inset: '0',
    zIndex: '2147483001',
    display: 'grid',
    placeItems: 'center',
    background: 'rgba(17,24,39,.6)',
  });
  const frame = doc.createElement('iframe');
  frame.setAttribute('title', TEXT[locale].title);
  frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-same-origin');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  Object.assign(frame.style, {
    width: 'min(420px, 96vw)',
    height: 'min(560px, 90vh)',
    border: '0',
    borderRadius: '12px',
    background: '#fff',
  });
  frame.src = url.href;
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', TEXT[locale].close);
  Object.assign(close.style, {
    position: 'absolute',
    top: '12px',
    right: '12px',
    font: '24px/1 system-ui',
    width: '40px',
    height: '40px',
    borderRadius: '50%',
    border: '0',
    cursor: 'pointer',
  });
  overlay.append(frame, close);

  const previous = doc.activeElement as HTMLElement | null;
  return new Promise<AuthenticationResult | null>((resolve) => {
    // Everything behind the dialog is inert while it shows, so Tab and Shift-Tab stay in it and
    // assistive technology reads only it.
    const made = Array.from(doc.body.children).filter(
      (el): el is HTMLElement => el instanceof HTMLElement && !el.inert,
    );
    let shown = false;
    const finish = (result: AuthenticationResult | null) => {
      clearTimeout(timer);
      view.removeEventListener('message', onMessage);
      doc.removeEventListener('keydown', onKey);
      overlay.remove();
      for (const element of made) element.inert = false;
      previous?.focus?.();
      resolve(result);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== gatewayOrigin || event.source !== frame.contentWindow) return;
      const message = parseThreeDsMessage(event.data);
      if (message?.type === MessageName.ThreeDsReady) {
        shown = true;
        // Focus moves in once the challenge is there: focusing the iframe before its cross-site
        // document loads leaves Chromium with no focused frame at all, and Tab cannot reach it.
        frame.focus();
      } else if (message?.type === MessageName.ThreeDsResult && message.payment_request_id === paymentRequestId) {
        finish({ payment_request_id: message.payment_request_id, status: message.status });
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') finish({ payment_request_id: paymentRequestId, status: 'CANCELED' });
    };
    const timer = setTimeout(() => {
      if (!shown) finish(null);
    }, MODAL_READY_TIMEOUT);
    close.addEventListener('click', () => finish({ payment_request_id: paymentRequestId, status: 'CANCELED' }));
    view.addEventListener('message', onMessage);
    doc.addEventListener('keydown', onKey);
    for (const element of made) element.inert = true;
    doc.body.append(overlay);
  });
}
