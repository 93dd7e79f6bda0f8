import type { Target } from './shopper';

// Functions the drivers run inside a document. Each is serialised on its own, so it uses nothing
// from outside its body.

/** The element a {@link Target} names in this document, or `null` while there is none. */
export function findTarget(target: Target): HTMLElement | null {
  const text = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const visible = (el: Element) => el instanceof HTMLElement && el.getClientRects().length > 0;
  if (typeof target === 'string') return document.querySelector<HTMLElement>(target);
  if ('label' in target) {
    for (const label of document.querySelectorAll('label')) {
      if (text(label) === target.label && label.control instanceof HTMLElement) return label.control;
    }
    return null;
  }
  const [selector, start] =
    'button' in target ? ['button, input[type="submit"]', target.button] : ['a[href]', target.link];
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    if (visible(el) && text(el).startsWith(start)) return el;
  }
  return null;
}

/** Scrolls `el` to the middle of its viewport, as a shopper would before touching it. */
export function scrollToCenter(el: Element): boolean {
  el.scrollIntoView({ block: 'center', inline: 'center' });
  return true;
}

/** Resolves after the next `frames` paints: some engines' screenshots lag what the DOM says. */
export function afterPaints(frames: number): Promise<boolean> {
  return new Promise((resolve) => {
    const tick = (left: number) => (left ? requestAnimationFrame(() => tick(left - 1)) : resolve(true));
    tick(frames);
  });
}
