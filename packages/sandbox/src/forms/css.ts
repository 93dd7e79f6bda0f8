import { parse, walk, type CssNode } from 'css-tree';
import { extensionOf, resolveRef } from './files';
import type { FormProblem } from './problem';

// The stylesheet check. Any CSS is allowed except what could load something from elsewhere or
// key a request on what the shopper types: every url(), image-set(), src() must name an image or
// font of the same form, and @import, @namespace and unicode-range are refused outright.

/** Functions whose string arguments are URLs, as well as `url()` itself. */
const URL_FUNCTIONS = new Set(['url', 'src', 'image-set', 'image', 'cross-fade', 'element']);
/** Functions whose value is only known in the browser: none may feed a URL function. */
const SUBSTITUTIONS = new Set(['var', 'attr', 'env', 'if']);
/**
 * Properties that let the typed value change the layout, which the frame reports to the page
 * (its height): `field-sizing: content` sizes the input by its text.
 */
const VALUE_SIZED = new Set(['field-sizing']);
/** Extensions a stylesheet may refer to. */
const REFERABLE = new Set(['png', 'webp', 'svg', 'woff', 'woff2']);

/** CSS text with its escapes decoded (`\72` → `r`, `\(` → `(`), as the browser reads names. */
export function unescapeCss(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([^\n\r\f0-9a-fA-F])/g, (_, hex?: string, char?: string) =>
    hex === undefined ? (char ?? '') : String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd),
  );
}

/** Lower-case name without a vendor prefix: `-webkit-image-set` → `image-set`. */
function plain(name: string): string {
  return unescapeCss(name)
    .toLowerCase()
    .replace(/^-[a-z]+-/, '');
}

/**
 * Every problem of a stylesheet at path `file` of a form holding `files`. Line numbers are the
 * stylesheet's own.
 */
export function checkCss(text: string, file: string, files: ReadonlySet<string>): FormProblem[] {
  const problems: FormProblem[] = [];
  const at = (node: CssNode, reason: string) => problems.push({ file, line: node.loc?.start.line ?? 0, reason });
  const ref = (node: CssNode, value: string) => {
    const target = resolveRef(file, value, files);
    const ext = target === null ? null : extensionOf(target);
    if (target === null || ext === null || !REFERABLE.has(ext)) {
      at(node, `"${value.slice(0, 100)}" is not an image or font of this form (a relative path to a file in the zip)`);
    }
  };
  let ast: CssNode;
  try {
    ast = parse(text, {
      positions: true,
      parseValue: true,
      parseCustomProperty: true,
      parseAtrulePrelude: true,
      onParseError: (error) => problems.push({ file, line: error.line, reason: `CSS syntax error: ${error.message}` }),
    });
  } catch (err) {
    return [{ file, line: 0, reason: `CSS that cannot be parsed: ${(err as Error).message}` }];
  }
  const urlFunctionDepth: CssNode[] = [];
  walk(ast, {
    enter(node: CssNode) {
      switch (node.type) {
        case 'Atrule': {
          const name = plain(node.name);
          if (name === 'import') at(node, '@import is not allowed: a form has one stylesheet, form.css');
          else if (name === 'namespace') at(node, '@namespace is not allowed');
          break;
        }
        case 'Declaration': {
          const property = plain(node.property);
          if (property === 'unicode-range')
            at(node, 'unicode-range is not allowed: a font loaded per character would tell what is typed');
          else if (VALUE_SIZED.has(property))
            at(node, `${property} is not allowed: an input sized by its text would tell the page what is typed`);
          break;
        }
        case 'Url':
          ref(node, node.value);
          break;
        case 'Function': {
          const name = plain(node.name);
          if (urlFunctionDepth.length && SUBSTITUTIONS.has(name))
            at(node, `${name}() inside a URL function: a URL of a form is written out, never substituted`);
          if (URL_FUNCTIONS.has(name)) urlFunctionDepth.push(node);
          break;
        }
        case 'String':
          if (urlFunctionDepth.length) ref(node, node.value);
          break;
        case 'Raw': {
          // Text the parser kept unparsed: refuse it if it could name a resource in any spelling.
          const raw = unescapeCss(node.value).toLowerCase();
          if (/url\(|image|src\(|cross-fade|element\(|@import/.test(raw))
            at(node, 'an unparsed value naming a resource');
          break;
        }
        default:
          break;
      }
    },
    leave(node: CssNode) {
      if (node.type === 'Function' && urlFunctionDepth.at(-1) === node) urlFunctionDepth.pop();
    },
  });
  return problems;
}
