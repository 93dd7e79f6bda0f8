import type { FieldState } from '@cards-session/protocol';
import type { Tooltip } from './tooltip';

/** Loads the tooltip code on first use: a chunk in the npm build, a script for the script tag. */
export type TooltipLoader = () => Promise<{ createTooltip(anchor: HTMLElement): Tooltip }>;

const CLASSES = [
  'cs-field',
  'cs-field--focus',
  'cs-field--invalid',
  'cs-field--complete',
  'cs-field--empty',
  'cs-field--loading',
];

/**
 * What a mounted field shows on the merchant page around its frame: the container's state
 * classes, the frame's height, the `<label for>` link, and the error and help tooltips.
 */
export class FieldView {
  private tooltip: Promise<Tooltip> | null = null;
  private readonly offLabels: (() => void)[] = [];
  private helpOpen = false;
  private helpText = '';
  private error: string | null = null;

  constructor(
    readonly container: HTMLElement,
    readonly iframe: HTMLIFrameElement,
    private readonly loadTooltips: TooltipLoader,
    private readonly errorTooltip: boolean,
  ) {
    container.classList.add('cs-field', 'cs-field--loading', 'cs-field--empty');
  }

  /** The text of `<label for>` elements pointing at the container, to name the input. */
  static labelText(container: HTMLElement): string | undefined {
    if (!container.id) return undefined;
    const labels = container.ownerDocument.querySelectorAll(`label[for="${CSS.escape(container.id)}"]`);
    const text = Array.from(labels, (l) => l.textContent?.trim() ?? '')
      .join(' ')
      .trim();
    return text ? text.slice(0, 200) : undefined;
  }

  /**
   * Makes clicks on the container's `<label for>`, and on the container itself around the frame
   * (the box the merchant styles), focus the field, as with a native input. Being the shopper's
   * gesture, they focus it in WebKit too.
   */
  linkLabels(focus: () => void): void {
    const onContainer = (event: Event) => {
      if (event.target === this.container) focus();
    };
    this.container.addEventListener('click', onContainer);
    this.offLabels.push(() => this.container.removeEventListener('click', onContainer));
    if (!this.container.id) return;
    const doc = this.container.ownerDocument;
    for (const label of doc.querySelectorAll(`label[for="${CSS.escape(this.container.id)}"]`)) {
      const onClick = (event: Event) => {
        event.preventDefault();
        focus();
      };
      label.addEventListener('click', onClick);
      this.offLabels.push(() => label.removeEventListener('click', onClick));
    }
  }

  ready(height: number): void {
    this.container.classList.remove('cs-field--loading');
    this.resize(height);
  }

  /** The frame is loading again: the browser replaced it. */
  loading(): void {
    this.container.classList.add('cs-field--loading');
  }

  resize(height: number): void {
    if (height > 0) this.iframe.style.height = `${height}px`;
  }

  focused(on: boolean): void {
    this.container.classList.toggle('cs-field--focus', on);
  }

  state(state: FieldState): void {
    const list = this.container.classList;
    list.toggle('cs-field--empty', state.empty);
    list.toggle('cs-field--complete', state.complete);
    list.toggle('cs-field--invalid', Boolean(state.error));
    this.error = this.errorTooltip ? (state.error?.message ?? null) : null;
    this.renderTooltip();
  }

  help(open: boolean, text: string): void {
    this.helpOpen = open;
    this.helpText = text;
    this.renderTooltip();
  }

  dispose(): void {
    for (const off of this.offLabels.splice(0)) off();
    void this.tooltip?.then((t) => t.destroy());
    this.tooltip = null;
    this.iframe.remove();
    this.container.classList.remove(...CLASSES);
  }

  // Help wins while open; otherwise the error shows. Nothing to show loads nothing.
  private renderTooltip(): void {
    const show = this.helpOpen
      ? { text: this.helpText, kind: 'help' as const }
      : this.error
        ? { text: this.error, kind: 'error' as const }
        : null;
    if (!show && !this.tooltip) return;
    this.tooltip ??= this.loadTooltips().then((m) => m.createTooltip(this.iframe));
    void this.tooltip.then((t) => (show ? t.show(show.text, show.kind) : t.hide())).catch(() => undefined);
  }
}
