// The kinds of file a form may hold, how each is served, and the check that its bytes are what
// its name says.

/** Content type of each allowed extension. */
export const FORM_FILE_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  woff: 'font/woff',
  woff2: 'font/woff2',
} as const;

/** An extension of {@link FORM_FILE_TYPES}. */
type Extension = keyof typeof FORM_FILE_TYPES;

/** The only HTML and CSS files of a form, at its root. */
export const FORM_HTML = 'form.html';
export const FORM_CSS = 'form.css';

/** The extension of `path` if a form may hold it, else `null`. */
export function extensionOf(path: string): Extension | null {
  const ext = /\.([a-z0-9]+)$/.exec(path)?.[1];
  return ext !== undefined && Object.hasOwn(FORM_FILE_TYPES, ext) ? (ext as Extension) : null;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.byteLength >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Why the bytes of `path` are not the kind its extension names, or `null`. */
export function sniffProblem(path: string, bytes: Uint8Array): string | null {
  const ext = extensionOf(path);
  if (ext === null) return `not a file a form may hold (${FORM_HTML}, ${FORM_CSS}, .png, .webp, .svg, .woff, .woff2)`;
  if ((ext === 'html' && path !== FORM_HTML) || (ext === 'css' && path !== FORM_CSS))
    return `a form has one ${ext.toUpperCase()} file, ${ext === 'html' ? FORM_HTML : FORM_CSS}, at its root`;
  switch (ext) {
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? null : 'not a PNG image';
    case 'webp':
      return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8) ? null : 'not a WebP image';
    case 'woff':
      return startsWith(bytes, ascii('wOFF')) ? null : 'not a WOFF font';
    case 'woff2':
      return startsWith(bytes, ascii('wOF2')) ? null : 'not a WOFF2 font';
    default: {
      // Text files: UTF-8 without NUL. The SVG, HTML and CSS checks parse them afterwards.
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.includes('\u0000') ? 'a text file with a NUL character' : null;
      } catch {
        return 'not UTF-8 text';
      }
    }
  }
}

/**
 * The path inside the form that a reference written in `from` names: a relative path, no scheme,
 * no query or fragment, no `..` above the root. `null` if it could name anything else.
 */
export function normalizeRef(from: string, ref: string): string | null {
  if (ref === '' || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) || ref.startsWith('/') || ref.includes('\\')) return null;
  if (/[?#]/.test(ref)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    return null;
  }
  const parts = from.split('/').slice(0, -1);
  for (const part of decoded.split('/')) {
    if (part === '' || part.includes('\\')) return null;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** The file of the form (in `files`) that a reference written in `from` names, or `null`. */
export function resolveRef(from: string, ref: string, files: ReadonlySet<string>): string | null {
  const path = normalizeRef(from, ref);
  return path !== null && files.has(path) ? path : null;
}
