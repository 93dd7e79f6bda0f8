import { parse, serializeOuter } from 'parse5';
import { FORM_HTML, normalizeRef } from './files';
import { fillPlaceholders, placeholderValues, type FormValues } from './placeholders';
import { childrenOf, isElement, walkTree, type Element, type Node } from './tree';

/**
 * The body of a checked template for one session, serialized from its parsed tree (never the
 * stored text): comments dropped, placeholders filled as text (the serializer escapes them),
 * image paths made absolute under `base` (the form version's file route, ending in `/`).
 */
export function renderFormBody(template: string, values: FormValues, base: string): string {
  const doc = parse(template);
  const filled = placeholderValues(values);
  const body = findBody(doc);
  if (!body) return '';
  walkTree(body, (node) => {
    if (node.nodeName === '#text' && 'value' in node) node.value = fillPlaceholders(node.value, filled);
    if (!isElement(node)) return;
    node.childNodes = node.childNodes.filter((child) => child.nodeName !== '#comment');
    for (const attr of node.attrs) {
      attr.value = fillPlaceholders(attr.value, filled);
      if (node.tagName === 'img' && attr.name === 'src') {
        // The stored template was checked: every src names one of the form's images.
        const path = normalizeRef(FORM_HTML, attr.value) ?? '';
        attr.value = base + path.split('/').map(encodeURIComponent).join('/');
      }
    }
  });
  return body.childNodes
    .filter((child) => child.nodeName !== '#comment')
    .map((child) => serializeOuter(child))
    .join('');
}

function findBody(node: Node): Element | null {
  if (isElement(node) && node.tagName === 'body') return node;
  for (const child of childrenOf(node)) {
    const found = findBody(child);
    if (found) return found;
  }
  return null;
}
