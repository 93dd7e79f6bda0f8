import { parseFragment } from 'parse5';
import type { FormProblem } from './problem';
import { isElement, lineOf, walkTree } from './tree';

// An SVG of a form is served as an image only (its own CSP `default-src 'none'`), where no script
// runs and nothing loads. It is still checked, so that opened on its own it holds nothing active.

const FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'style', 'handler', 'listener']);
const HREFS = new Set(['href', 'xlink:href', 'src']);

/** Every problem of the SVG file `file`. */
export function checkSvg(text: string, file: string): FormProblem[] {
  const problems: FormProblem[] = [];
  // An XML parser would expand entities and apply stylesheets an HTML parser never sees.
  const dtd = /<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i.exec(text);
  if (dtd) {
    const line = text.slice(0, dtd.index).split('\n').length;
    problems.push({ file, line, reason: 'a DOCTYPE, ENTITY or xml-stylesheet: not allowed in an SVG of a form' });
  }
  const fragment = parseFragment(text.replace(/^\s*<\?xml[^>]*\?>/, ''), { sourceCodeLocationInfo: true });
  const roots = fragment.childNodes.filter(
    (n) => n.nodeName !== '#comment' && !(n.nodeName === '#text' && !('value' in n && n.value.trim())),
  );
  if (roots.length !== 1 || roots[0]?.nodeName !== 'svg') {
    problems.push({ file, line: 1, reason: 'an SVG file must hold one <svg> element and nothing else' });
  }
  walkTree(fragment, (node) => {
    if (!isElement(node)) return;
    const name = node.tagName.toLowerCase();
    if (FORBIDDEN.has(name))
      problems.push({ file, line: lineOf(node), reason: `<${node.tagName}> is not allowed in an SVG` });
    for (const attr of node.attrs) {
      const full = (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name).toLowerCase();
      const line = lineOf(node, attr.name);
      const value = attr.value.trim().toLowerCase();
      if (full.startsWith('on')) problems.push({ file, line, reason: `event handler attribute ${full}` });
      else if (HREFS.has(full) && !value.startsWith('#'))
        problems.push({ file, line, reason: `${full} must point inside the SVG (#id)` });
      else if (full === 'attributename' && /href/.test(value))
        problems.push({ file, line, reason: 'animating a link is not allowed' });
      else if (
        /url\(\s*['"]?(?!#)/.test(value) ||
        /javascript:|data:/.test(value) ||
        (full === 'style' && value.includes('\\'))
      )
        problems.push({ file, line, reason: `${full} names something outside the SVG` });
    }
  });
  return problems;
}
