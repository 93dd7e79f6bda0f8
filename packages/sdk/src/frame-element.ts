import { ErrorCode, PROTOCOL_VERSION, type FrameOptions, type Locale } from '@cards-session/protocol';
import { CardsSessionError } from './errors';
import type { FieldOptions } from './options';

const TITLES: Record<Locale, string> = {
  en: 'Secure input for the card security code',
  id: 'Input aman untuk kode keamanan kartu',
};

/** The height the frame takes before it reports its own, so nothing shifts at `ready`. */
export const INITIAL_HEIGHT = 44;

/** Finds the element a field mounts into. */
export function resolveTarget(target: unknown, doc: Document = document): HTMLElement {
  if (typeof target === 'string') {
    let found: Element | null;
    try {
      found = doc.querySelector(target);
    } catch (cause) {
      throw new CardsSessionError(
        ErrorCode.MOUNT_TARGET_NOT_FOUND,
        `mount: ${JSON.stringify(target)} is not a valid CSS selector`,
        { cause },
      );
    }
    if (!found)
      throw new CardsSessionError(
        ErrorCode.MOUNT_TARGET_NOT_FOUND,
        `mount: no element matches ${JSON.stringify(target)}`,
      );
    target = found;
  }
  const view = doc.defaultView;
  if (!view || !(target instanceof view.HTMLElement)) {
    throw new CardsSessionError(ErrorCode.MOUNT_TARGET_NOT_FOUND, 'mount: expected a CSS selector or an HTMLElement');
  }
  return target;
}

/** A random id for one mount, carried in the frame URL's fragment and in every message. */
export function createChannel(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Where the frame document lives. The query carries what the gateway checks (session, page
 * origin, fonts for the CSP); the fragment, never sent to a server, what only the frame reads.
 */
export function frameUrl(
  gatewayOrigin: string,
  sessionId: string,
  pageOrigin: string,
  channel: string,
  locale: Locale | null,
  options: FieldOptions,
): string {
  const query = new URLSearchParams({ session: sessionId, origin: pageOrigin });
  if (options.fonts?.length) query.set('fonts', JSON.stringify(options.fonts));
  const hash = new URLSearchParams({ channel, v: String(PROTOCOL_VERSION) });
  if (locale) hash.set('locale', locale);
  if (options.help) hash.set('help', '1');
  const frameOptions = frameOptionsOf(options);
  if (Object.keys(frameOptions).length) hash.set('options', JSON.stringify(frameOptions));
  return `${gatewayOrigin}/v1/frames/cvn?${query}#${hash}`;
}

/** The part of the field options the frame applies itself. */
export function frameOptionsOf({ style, placeholder, ariaLabel, disabled }: FieldOptions): FrameOptions {
  return {
    ...(style !== undefined && { style }),
    ...(placeholder !== undefined && { placeholder }),
    ...(ariaLabel !== undefined && { ariaLabel }),
    ...(disabled !== undefined && { disabled }),
  };
}

/** The iframe element: minimal sandbox, no referrer, a localized title, nothing delegated. */
export function createFrameElement(doc: Document, src: string, locale: Locale): HTMLIFrameElement {
  const iframe = doc.createElement('iframe');
  // allow-same-origin keeps the frame on the gateway's origin, which post-robot and the
  // frame's own API call need; no top navigation, forms or popups are granted.
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  iframe.setAttribute('referrerpolicy', 'no-referrer');
  iframe.setAttribute('title', TITLES[locale]);
  iframe.setAttribute('scrolling', 'no');
  iframe.setAttribute('frameborder', '0');
  iframe.style.cssText = `display:block;width:100%;height:${INITIAL_HEIGHT}px;border:0;margin:0;padding:0;overflow:hidden;background:transparent;color-scheme:normal`;
  iframe.src = src;
  return iframe;
}
