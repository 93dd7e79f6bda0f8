import { checkCss } from './css';
import { FORM_CSS, FORM_FILE_TYPES, FORM_HTML, extensionOf, sniffProblem } from './files';
import { checkHtml } from './html';
import { ARCHIVE, FORM_LIMITS, type FormProblem } from './problem';
import { checkSvg } from './svg';
import { readZip } from './zip';

/** One checked file of a form. */
interface FormFile {
  path: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A form that passed every check, or every problem found. */
export type FormCheck = { ok: true; files: FormFile[] } | { ok: false; problems: FormProblem[] };

/**
 * Checks an uploaded form archive: the archive ({@link readZip}), each file's kind by its bytes,
 * then the template, the stylesheet and each SVG with their parsers. Lists every problem found.
 */
export function checkForm(archive: Uint8Array): FormCheck {
  if (archive.byteLength > FORM_LIMITS.archiveBytes) {
    const reason = `the archive is larger than ${FORM_LIMITS.archiveBytes} bytes`;
    return { ok: false, problems: [{ file: ARCHIVE, line: 0, reason }] };
  }
  const zip = readZip(archive);
  if (!zip.ok) return zip;
  const problems: FormProblem[] = [];
  const paths = new Set(zip.files.keys());
  if (!paths.has(FORM_HTML))
    problems.push({ file: FORM_HTML, line: 0, reason: 'missing: a form needs form.html at its root' });
  const files: FormFile[] = [];
  const decoder = new TextDecoder();
  for (const [path, bytes] of zip.files) {
    const sniffed = sniffProblem(path, bytes);
    if (sniffed) {
      problems.push({ file: path, line: 0, reason: sniffed });
      continue;
    }
    const ext = extensionOf(path);
    if (ext === null) continue;
    const text = ext === 'html' || ext === 'css' || ext === 'svg' ? decoder.decode(bytes) : '';
    if (path === FORM_HTML) problems.push(...checkHtml(text, paths));
    else if (path === FORM_CSS) problems.push(...checkCss(text, path, paths));
    else if (ext === 'svg') problems.push(...checkSvg(text, path));
    files.push({ path, contentType: FORM_FILE_TYPES[ext], bytes });
  }
  return problems.length ? { ok: false, problems } : { ok: true, files };
}
