import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

/** Why a folder cannot become a form's zip: a code a script can switch on, and the CLI's exit code. */
export type FormFolderCode = 'FORM_DIR_NOT_FOUND' | 'FORM_HTML_MISSING' | 'FORM_SYMLINK' | 'FORM_DIR_TOO_LARGE';

/** A folder the CLI will not zip; `message` names the path and what was expected. */
export class FormFolderError extends Error {
  override name = 'FormFolderError';
  constructor(
    readonly code: FormFolderCode,
    message: string,
  ) {
    super(message);
  }
}

// Far above the gateway's caps (it answers those with file and reason): these only stop the CLI
// from reading a wrong folder, a home directory say, into memory.
const MAX_FILES = 200;
const MAX_BYTES = 16 * 1024 * 1024;

// A fixed time in every entry: the same folder always makes the same bytes.
const ENTRY_TIME = new Date('2020-01-01T00:00:00Z');

/**
 * The files of a form folder, by their path inside it (`/`-separated), in sorted order. Hidden
 * files and folders (`.DS_Store`, `.git`) are left out; a symbolic link is refused, so nothing
 * outside the folder can be uploaded by accident.
 */
export function readFormFolder(dir: string): Map<string, Uint8Array> {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new FormFolderError('FORM_DIR_NOT_FOUND', `${dir}: expected a folder holding form.html`);
  const files = new Map<string, Uint8Array>();
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      const inside = relative(dir, path).split(sep).join('/');
      if (lstatSync(path).isSymbolicLink()) {
        throw new FormFolderError('FORM_SYMLINK', `${inside}: is a symbolic link; copy the file into the form instead`);
      }
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      if (!entry.isFile()) continue;
      const content = readFileSync(path);
      bytes += content.length;
      files.set(inside, content);
      if (files.size > MAX_FILES || bytes > MAX_BYTES) {
        throw new FormFolderError(
          'FORM_DIR_TOO_LARGE',
          `${dir}: expected a form folder (at most ${MAX_FILES} files, ${MAX_BYTES / 1024 / 1024} MB), received more`,
        );
      }
    }
  };
  walk(dir);
  if (!files.has('form.html')) {
    throw new FormFolderError(
      'FORM_HTML_MISSING',
      `${join(dir, 'form.html')}: expected the form's template, found none`,
    );
  }
  return files;
}

/** The folder as the zip `PUT /v1/forms/{name}` takes: deflated, the same bytes for the same files. */
export function zipFormFolder(dir: string): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, content] of readFormFolder(dir)) entries[path] = [content, { mtime: ENTRY_TIME }];
  return zipSync(entries, { level: 9 });
}
