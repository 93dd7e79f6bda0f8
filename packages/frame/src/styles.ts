import {
  STYLE_VARIANTS,
  type FieldStyle,
  type FontSource,
  type StyleDeclarations,
  type StyleVariant,
} from '@cards-session/protocol';

// Each state's selector; `base` first so the others win by order at equal specificity.
const SELECTORS: Record<StyleVariant, string> = {
  base: 'input',
  focus: 'input:focus',
  invalid: 'input[aria-invalid="true"]',
  complete: 'input.is-complete',
  empty: 'input.is-empty',
  placeholder: 'input::placeholder',
};

const kebab = (property: string) => property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function rule(selector: string, declarations: StyleDeclarations): string {
  const body = Object.entries(declarations)
    .map(([property, value]) => `${kebab(property)}:${value}`)
    .join(';');
  return `${selector}{${body}}`;
}

/**
 * The merchant's style as CSS. Only ever called with a style that passed the protocol's
 * `checkStyle` (allow-listed properties, no `url(`, braces, semicolons or backslashes), so no
 * value can end its declaration or load anything.
 */
function styleCss(style: FieldStyle): string {
  return STYLE_VARIANTS.filter((variant) => style[variant])
    .map((variant) => rule(SELECTORS[variant], style[variant] ?? {}))
    .join('\n');
}

/**
 * Applies the merchant's style with a constructed stylesheet: CSSOM, so the frame's CSP keeps
 * `style-src` to the one hashed `<style>` of the document.
 */
export class FrameStyles {
  // Made on the first style, not before `ready`: most fields are never styled.
  private sheet: CSSStyleSheet | null = null;

  constructor(private readonly doc: Document) {}

  apply(style: FieldStyle): void {
    if (!this.sheet) {
      this.sheet = new (this.doc.defaultView ?? window).CSSStyleSheet();
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
    }
    this.sheet.replaceSync(styleCss(style));
  }

  /** Loads the gateway-approved web fonts (the CSP's `font-src` lists exactly these URLs). */
  loadFonts(fonts: FontSource[]): void {
    for (const font of fonts) {
      const face = new FontFace(font.family, `url("${font.src}")`, {
        weight: font.weight ?? 'normal',
        style: font.style ?? 'normal',
      });
      this.doc.fonts.add(face);
      face.load().catch(() => undefined);
    }
  }
}
