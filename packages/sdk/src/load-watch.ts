import { ErrorCode } from '@cards-session/protocol';
import { CardsSessionError } from './errors';

/**
 * How long a frame whose document the browser has finished with may stay silent before the SDK
 * says why. Its script announces `ready` before the document's `load`; a frame re-bound after a
 * move repeats the announcement every few hundred ms.
 */
export const SILENCE_GRACE = 1500;

/** What one load of a frame is watched with. */
export interface LoadWatch {
  iframe: HTMLIFrameElement;
  gatewayOrigin: string;
  /** The longest wait for `ready`, in ms, when the browser gives no reason sooner. */
  readyTimeout: number;
  /** The frame's `load` already fired: it was replaced, and the SDK re-binds only now. */
  loaded: boolean;
  fail(error: CardsSessionError): void;
}

/**
 * Watches a frame until it speaks, and fails it as soon as the browser can tell why it will not:
 * the page's CSP refused it, the device is offline, the document never arrived, or it arrived
 * and its script never started. The document's Resource Timing entry tells the last two apart
 * (the gateway sends `Timing-Allow-Origin` for the page that asked). Firefox fires no `load` for a
 * document it could not fetch, but records its entry. Returns the stop.
 */
export function watchLoad({ iframe, gatewayOrigin, readyTimeout, loaded, fail }: LoadWatch): () => void {
  const doc = iframe.ownerDocument;
  const view = doc.defaultView as Window;
  const src = iframe.src;
  let grace: ReturnType<typeof setTimeout> | undefined;
  let reached: boolean | null = null;
  const error = (code: ErrorCode, message: string) => () => fail(new CardsSessionError(code, message));
  const unreachable = error(
    ErrorCode.FRAME_UNREACHABLE,
    view.navigator.onLine === false
      ? 'The payment field could not be loaded: this device is offline'
      : `The payment field could not be loaded: ${gatewayOrigin} did not answer`,
  );
  const silent = error(
    ErrorCode.FRAME_NOT_RESPONDING,
    `The payment field loaded from ${gatewayOrigin} but did not start: its script was blocked (a browser extension or a proxy) or the gateway refused to be framed by ${view.location.origin}`,
  );
  const settle = (then: () => void) => (grace ??= setTimeout(then, SILENCE_GRACE));
  const decide = () => settle(reached === false || view.navigator.onLine === false ? unreachable : silent);

  const timer = setTimeout(
    error(
      ErrorCode.FRAME_LOAD_TIMEOUT,
      `The payment field did not load within ${readyTimeout} ms: the network is slow or ${gatewayOrigin} is not answering`,
    ),
    readyTimeout,
  );
  const onLoad = () => {
    loaded = true;
    if (reached !== null) decide();
  };
  const onViolation = (event: SecurityPolicyViolationEvent) => {
    const uri = event.blockedURI;
    if (!/^(frame|child|default)-src/.test(event.effectiveDirective)) return;
    if (uri !== gatewayOrigin && !uri.startsWith(`${gatewayOrigin}/`)) return;
    fail(
      new CardsSessionError(
        ErrorCode.FRAME_BLOCKED,
        `This page's Content-Security-Policy blocked the payment field: allow ${gatewayOrigin} in frame-src`,
      ),
    );
  };
  const observer =
    typeof PerformanceObserver === 'function'
      ? new PerformanceObserver((list) => {
          for (const entry of list.getEntriesByType('resource') as PerformanceResourceTiming[]) {
            if (entry.name !== src && entry.name !== src.split('#')[0]) continue;
            // Without a response, the document never came; with one, the load event decides.
            reached = entry.responseStart > 0 || entry.transferSize > 0;
            if (!reached) settle(unreachable);
            else if (loaded) decide();
          }
        })
      : null;

  if (view.navigator.onLine === false) setTimeout(unreachable, 0);
  else if (loaded) decide();
  iframe.addEventListener('load', onLoad);
  doc.addEventListener('securitypolicyviolation', onViolation);
  observer?.observe({ type: 'resource' });
  return () => {
    clearTimeout(timer);
    clearTimeout(grace);
    iframe.removeEventListener('load', onLoad);
    doc.removeEventListener('securitypolicyviolation', onViolation);
    observer?.disconnect();
  };
}
