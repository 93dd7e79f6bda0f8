import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { FormFolderError, readFormFolder, zipFormFolder } from './forms-zip';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `files` (path → text). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-form-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const refusal = (dir: string) => {
  try {
    readFormFolder(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(FormFolderError);
    const { code, message } = err as FormFolderError;
    return { code, message };
  }
  throw new Error(`accepted ${dir}`);
};

describe('zipFormFolder', () => {
  it('zips every file by its /-separated path, folders included, hidden files left out', () => {
    const dir = folder({
      'form.html': '<cs-cvn></cs-cvn>',
      'form.css': 'body{color:#111}',
      'img/deep/bean.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '.DS_Store': 'junk',
      '.git/config': 'secret',
    });
    const entries = unzipSync(zipFormFolder(dir));
    expect(Object.keys(entries).sort()).toEqual(['form.css', 'form.html', 'img/deep/bean.svg']);
    expect(strFromU8(entries['img/deep/bean.svg'] ?? new Uint8Array())).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    expect(strFromU8(entries['form.html'] ?? new Uint8Array())).toBe('<cs-cvn></cs-cvn>');
  });

  it('makes the same bytes for the same files', () => {
    const dir = folder({ 'form.html': '<cs-cvn></cs-cvn>', 'a.css': 'x{}' });
    expect(Buffer.from(zipFormFolder(dir)).equals(Buffer.from(zipFormFolder(dir)))).toBe(true);
  });

  it('refuses a path that is no folder: FORM_DIR_NOT_FOUND', () => {
    const dir = folder({ 'form.html': '' });
    expect(refusal(join(dir, 'nope'))).toEqual({
      code: 'FORM_DIR_NOT_FOUND',
      message: `${join(dir, 'nope')}: expected a folder holding form.html`,
    });
    expect(refusal(join(dir, 'form.html')).code).toBe('FORM_DIR_NOT_FOUND');
  });

  it('refuses a folder without form.html at its top: FORM_HTML_MISSING', () => {
    const dir = folder({ 'sub/form.html': '', 'form.css': '' });
    expect(refusal(dir)).toEqual({
      code: 'FORM_HTML_MISSING',
      message: `${join(dir, 'form.html')}: expected the form's template, found none`,
    });
  });

  it('refuses a symbolic link, to a file or a folder, rather than upload what it points at', () => {
    const outside = folder({ id_rsa: 'PRIVATE' });
    const dir = folder({ 'form.html': '<cs-cvn></cs-cvn>' });
    symlinkSync(join(outside, 'id_rsa'), join(dir, 'key.png'));
    expect(refusal(dir)).toEqual({
      code: 'FORM_SYMLINK',
      message: 'key.png: is a symbolic link; copy the file into the form instead',
    });
    const other = folder({ 'form.html': '<cs-cvn></cs-cvn>' });
    symlinkSync(outside, join(other, 'fonts'));
    expect(refusal(other).code).toBe('FORM_SYMLINK');
  });

  it('stops reading a folder far larger than any form: FORM_DIR_TOO_LARGE', () => {
    const files: Record<string, string> = { 'form.html': '' };
    for (let i = 0; i < 201; i++) files[`f${i}.png`] = '';
    expect(refusal(folder(files)).code).toBe('FORM_DIR_TOO_LARGE');
  });
});
