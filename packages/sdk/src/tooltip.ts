import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

/** A tooltip on the merchant page, anchored to a field's frame. */
export interface Tooltip {
  /** Shows `text` under the anchor; it follows scroll and resize until hidden. */
  show(text: string, kind: 'error' | 'help'): void;
  hide(): void;
  destroy(): void;
}

const COLORS = { error: ['#7f1d1d', '#fef2f2'], help: ['#111827', '#ffffff'] } as const;

/**
 * Creates a tooltip for `anchor`. It is `aria-hidden`: the frame announces the same text to
 * assistive technology itself, so it is not read twice. Styled through CSSOM, which a merchant's
 * CSP without `'unsafe-inline'` still allows.
 */
export function createTooltip(anchor: HTMLElement): Tooltip {
  const doc = anchor.ownerDocument;
  const tip = doc.createElement('div');
  tip.className = 'cs-tooltip';
  tip.setAttribute('aria-hidden', 'true');
  Object.assign(tip.style, {
    position: 'absolute',
    top: '0',
    left: '0',
    zIndex: '2147483000',
    maxWidth: '18rem',
    padding: '6px 10px',
    borderRadius: '6px',
    font: '13px/1.4 system-ui, sans-serif',
    boxShadow: '0 2px 8px rgba(0,0,0,.2)',
    pointerEvents: 'none',
  });
  let stop: (() => void) | null = null;

  const place = () =>
    void computePosition(anchor, tip, {
      placement: 'bottom-start',
      middleware: [offset(6), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => Object.assign(tip.style, { transform: `translate(${Math.round(x)}px, ${Math.round(y)}px)` }));

  const hide = () => {
    stop?.();
    stop = null;
    tip.remove();
  };
  return {
    show(text, kind) {
      tip.textContent = text;
      tip.dataset.kind = kind;
      [tip.style.background, tip.style.color] =
        kind === 'error' ? [COLORS.error[1], COLORS.error[0]] : [COLORS.help[0], COLORS.help[1]];
      tip.style.border = kind === 'error' ? `1px solid ${COLORS.error[0]}` : '0';
      if (!tip.isConnected) doc.body.append(tip);
      stop ??= autoUpdate(anchor, tip, place);
      place();
    },
    hide,
    destroy: hide,
  };
}
