/** The states a field can be styled for; `base` applies always, the others on top of it. */
export const STYLE_VARIANTS = ['base', 'focus', 'invalid', 'complete', 'empty', 'placeholder'] as const;

/** A state from {@link STYLE_VARIANTS}. */
export type StyleVariant = (typeof STYLE_VARIANTS)[number];

/** The CSS properties a merchant may set inside the frame: text and box, nothing that loads. */
export const STYLE_PROPERTIES = [
  'color',
  'backgroundColor',
  'caretColor',
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'letterSpacing',
  'lineHeight',
  'padding',
  'textAlign',
  'textShadow',
  'textTransform',
] as const;

/** A property from {@link STYLE_PROPERTIES}, camelCased as in CSSOM. */
export type StyleProperty = (typeof STYLE_PROPERTIES)[number];

/** Declarations for one state. */
export type StyleDeclarations = Partial<Record<StyleProperty, string>>;

/** How the field looks, per state. */
export type FieldStyle = Partial<Record<StyleVariant, StyleDeclarations>>;

/** A web font for the frame: only through this explicit option. */
export interface FontSource {
  /** The family name to use in `fontFamily`. */
  family: string;
  /** An absolute `https:` URL of a `.woff2` or `.woff` file. */
  src: string;
  weight?: string;
  style?: 'normal' | 'italic';
}

// Anything that could load a resource, run script or break out of a declaration.
const UNSAFE = /url\s*\(|image-set|expression\s*\(|@import|javascript:|[\\<>{};]|\/\*/i;

/** What is wrong with a style or font option, for an "expected X, received Y" message. */
export interface StyleProblem {
  path: string;
  expected: string;
  received: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first problem with a `style` option, or `null` when it is safe to apply. */
export function checkStyle(style: unknown): StyleProblem | null {
  if (!isRecord(style)) return { path: 'style', expected: 'an object keyed by state', received: style };
  for (const [variant, declarations] of Object.entries(style)) {
    if (!(STYLE_VARIANTS as readonly string[]).includes(variant)) {
      return { path: `style.${variant}`, expected: `one of ${STYLE_VARIANTS.join(', ')}`, received: declarations };
    }
    if (!isRecord(declarations))
      return { path: `style.${variant}`, expected: 'an object of CSS properties', received: declarations };
    for (const [property, value] of Object.entries(declarations)) {
      const path = `style.${variant}.${property}`;
      if (!(STYLE_PROPERTIES as readonly string[]).includes(property)) {
        return { path, expected: `one of the properties ${STYLE_PROPERTIES.join(', ')}`, received: value };
      }
      if (typeof value !== 'string' || value.length > 200 || UNSAFE.test(value)) {
        return {
          path,
          expected: 'a plain CSS value without url(), expression(), @import, comments or backslashes',
          received: value,
        };
      }
    }
  }
  return null;
}

/** The first problem with a `fonts` option, or `null`. */
export function checkFonts(fonts: unknown): StyleProblem | null {
  if (!Array.isArray(fonts) || fonts.length > 4)
    return { path: 'fonts', expected: 'an array of at most 4 fonts', received: fonts };
  for (const [i, font] of fonts.entries()) {
    const path = `fonts[${i}]`;
    if (!isRecord(font)) return { path, expected: 'an object {family, src}', received: font };
    const { family, src, weight, style, ...rest } = font;
    const extra = Object.keys(rest)[0];
    if (extra) return { path: `${path}.${extra}`, expected: 'family, src, weight or style', received: rest[extra] };
    if (typeof family !== 'string' || !/^[\w -]{1,64}$/.test(family))
      return { path: `${path}.family`, expected: 'a font family name', received: family };
    if (typeof src !== 'string' || !/^https:\/\/[^\s"'()\\;,]+\.woff2?(\?[^\s"'()\\;,]*)?$/i.test(src)) {
      return { path: `${path}.src`, expected: 'an https: URL of a .woff2 or .woff file', received: src };
    }
    if (weight !== undefined && !(typeof weight === 'string' && /^(normal|bold|[1-9]00)$/.test(weight))) {
      return { path: `${path}.weight`, expected: '"normal", "bold" or 100 to 900', received: weight };
    }
    if (style !== undefined && style !== 'normal' && style !== 'italic')
      return { path: `${path}.style`, expected: '"normal" or "italic"', received: style };
  }
  return null;
}
