import { parse } from 'parse5';
import { extensionOf, FORM_HTML, resolveRef } from './files';
import { PLACEHOLDER, PLACEHOLDERS } from './placeholders';
import type { FormProblem } from './problem';
import { isElement, lineOf, walkTree, type Element, type Node } from './tree';

// The template check: an allowlist of inert elements and attributes. Nothing of the merchant's
// can run, submit, navigate, frame or load anything but an image of the same form.

/** Elements a form may use: structure, text and images. Everything else is refused. */
const ELEMENTS = new Set([
  ...['html', 'head', 'body', 'title', 'div', 'span', 'p', 'br', 'hr', 'section', 'header', 'footer', 'main'],
  ...['article', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong'],
  ...['em', 'b', 'i', 'u', 's', 'small', 'sub', 'sup', 'mark', 'abbr', 'code', 'pre', 'blockquote', 'time'],
  ...['figure', 'figcaption', 'img', 'label', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th'],
  ...['colgroup', 'col', 'fieldset', 'legend', 'cs-cvn'],
]);

/** Why some refused elements are refused, said plainly. */
const WHY: Record<string, string> = {
  script: 'no script of the form runs: the frame script is always ours',
  noscript: 'no script of the form runs, so <noscript> is not needed',
  style: 'styles go in form.css (the frame CSP allows no inline style)',
  link: 'styles go in form.css, which the gateway links itself',
  base: 'the frame CSP sets base-uri none',
  meta: 'the gateway writes the document head',
  a: 'a form links to nowhere',
  form: 'the CVN is sent by our script alone',
  iframe: 'a form embeds nothing',
  frame: 'a form embeds nothing',
  object: 'a form embeds nothing',
  embed: 'a form embeds nothing',
  svg: 'put an SVG in a file of the form and use it as an image',
  math: 'not supported in a form',
  template: 'a form has no inert markup to clone: nothing of it runs',
  input: 'the only input is ours, inside <cs-cvn>',
  button: 'the only control is ours, inside <cs-cvn>',
  select: 'the only input is ours, inside <cs-cvn>',
  textarea: 'the only input is ours, inside <cs-cvn>',
};

/** Attributes any allowed element may have. */
const GLOBAL_ATTRIBUTES = new Set(['class', 'id', 'title', 'lang', 'dir', 'role', 'hidden', 'translate']);
/** Attributes of particular elements. */
const ELEMENT_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  img: new Set(['src', 'alt', 'width', 'height', 'decoding', 'loading']),
  label: new Set(['for']),
  td: new Set(['colspan', 'rowspan', 'headers']),
  th: new Set(['colspan', 'rowspan', 'headers', 'scope', 'abbr']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
  time: new Set(['datetime']),
  ol: new Set(['start', 'reversed', 'type']),
};
/** Ids the frame's own elements use. */
const RESERVED_IDS = new Set(['cvn', 'cvn-error', 'cs-config']);
/**
 * How deep a template's elements may nest: far more than any layout needs, and well under the
 * depth past which browsers re-parent elements (Chromium: 512), so the tree we check and render
 * is the tree the browser builds.
 */
export const MAX_DEPTH = 128;
/** Images a form may show. */
const IMAGES = new Set(['png', 'webp', 'svg']);

/** The checked template: problems, and for a clean one the `<cs-cvn>` count is exactly one. */
export function checkHtml(text: string, files: ReadonlySet<string>): FormProblem[] {
  const file = FORM_HTML;
  const problems: FormProblem[] = [];
  const at = (node: Node, reason: string, attr?: string) => problems.push({ file, line: lineOf(node, attr), reason });
  const doc = parse(text, {
    sourceCodeLocationInfo: true,
    // Syntax errors the browser would recover from differently are refused, not guessed at.
    onParseError: (error) => {
      if (error.code === 'missing-doctype') return;
      problems.push({ file, line: error.startLine, reason: `HTML syntax error: ${error.code}` });
    },
  });
  let slots = 0;
  let tooDeep = false;
  walkTree(doc, (node, depth) => {
    if (depth > MAX_DEPTH && !tooDeep && isElement(node)) {
      tooDeep = true;
      at(node, `elements nested deeper than ${MAX_DEPTH} levels`);
    }
    if (node.nodeName === '#text' && 'value' in node) checkPlaceholders(node.value, (reason) => at(node, reason));
    if (!isElement(node)) return;
    const name = node.tagName;
    if (!ELEMENTS.has(name)) {
      at(node, `<${name}> is not allowed: ${WHY[name] ?? 'not one of the elements a form may use'}`);
      return;
    }
    if (name === 'cs-cvn') {
      slots++;
      if (node.childNodes.length) at(node, '<cs-cvn> must be empty: the gateway puts the CVN input there');
    }
    for (const attr of node.attrs) checkAttribute(node, attr, files, at);
  });
  if (slots !== 1) problems.push({ file, line: 0, reason: `exactly one <cs-cvn></cs-cvn> is needed, found ${slots}` });
  return problems;
}

function checkAttribute(
  node: Element,
  attr: { name: string; value: string; prefix?: string },
  files: ReadonlySet<string>,
  at: (node: Node, reason: string, attr?: string) => void,
): void {
  const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
  const problem = (reason: string) => at(node, reason, attr.name);
  if (name.startsWith('on')) return problem(`event handler attribute ${name}: no script of the form runs`);
  if (name === 'style') return problem('style attributes are not allowed: put styles in form.css');
  const allowed =
    GLOBAL_ATTRIBUTES.has(name) ||
    name.startsWith('aria-') ||
    (name.startsWith('data-') && node.tagName !== 'cs-cvn') ||
    ELEMENT_ATTRIBUTES[node.tagName]?.has(name) === true;
  if (!allowed) return problem(`attribute ${name} is not allowed on <${node.tagName}>`);
  if (name === 'id' && RESERVED_IDS.has(attr.value)) return problem(`id "${attr.value}" is the frame's own`);
  // An element's id is a property of window: the frame's libraries keep their state in globals
  // named `__…` (post-robot's `__post_robot_<version>__`), which the form must not pre-empt.
  if (name === 'id' && attr.value.startsWith('__'))
    return problem(`id "${attr.value.slice(0, 64)}": ids starting with __ are kept for the frame's script`);
  if (name === 'for' && attr.value !== 'cvn') return problem('a <label for> may only name the CVN input: for="cvn"');
  if (name === 'src') {
    const target = resolveRef(FORM_HTML, attr.value, files);
    const ext = target === null ? null : extensionOf(target);
    if (ext === null || !IMAGES.has(ext))
      return problem(
        `"${attr.value.slice(0, 100)}" is not an image of this form (a relative path to a file in the zip)`,
      );
  }
  checkPlaceholders(attr.value, problem);
}

function checkPlaceholders(text: string, problem: (reason: string) => void): void {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const key = match[1] ?? '';
    if (!(PLACEHOLDERS as readonly string[]).includes(key))
      problem(`unknown placeholder {{${key}}}: known are ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
  }
}
