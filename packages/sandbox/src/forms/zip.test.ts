import { describe, expect, it } from 'vitest';
import { checkForm } from './validate';
import { FORM_LIMITS } from './problem';
import { MINIMAL_HTML, PNG, patchCentral, renameAll, zipOf } from './test-zip';
import { badPath, crc32, readZip } from './zip';

const reasons = (archive: Uint8Array) => {
  const result = readZip(archive);
  return result.ok ? [] : result.problems.map((p) => `${p.file}: ${p.reason}`);
};

describe('form archives', () => {
  it('reads files and folders of a well-formed archive', () => {
    const result = readZip(zipOf({ 'form.html': MINIMAL_HTML, 'img/': new Uint8Array(), 'img/a.png': PNG }));
    expect(result.ok && [...result.files.keys()]).toEqual(['form.html', 'img/a.png']);
  });

  it('refuses what is no zip', () => {
    expect(reasons(new TextEncoder().encode('hello'))).toEqual([expect.stringContaining('not a zip archive')]);
  });

  it.each([
    ['../evil.png', 'climbs out'],
    ['a/../../evil.png', 'climbs out'],
    ['/etc/passwd', 'absolute'],
    ['C:/x.png', 'absolute'],
    ['img\\a.png', 'backslash'],
    ['a//b.png', 'empty segment'],
  ])('refuses the path %s', (name, why) => {
    expect(badPath(name)).toContain(why);
  });

  it('refuses a traversal path inside a real archive', () => {
    const zip = renameAll(zipOf({ 'form.html': MINIMAL_HTML, 'xx/a.png': PNG }), 'xx/a.png', '../a.png');
    expect(reasons(zip)).toEqual(['../a.png: a path that climbs out of the form (. or ..)']);
  });

  it('refuses duplicate names', () => {
    const zip = renameAll(zipOf({ 'a.png': PNG, 'b.png': PNG, 'form.html': MINIMAL_HTML }), 'b.png', 'a.png');
    expect(reasons(zip)).toEqual(['a.png: a duplicate name in the archive']);
  });

  it('refuses symbolic links and encrypted entries', () => {
    const zip = zipOf({ 'form.html': MINIMAL_HTML, 'a.png': PNG });
    const link = patchCentral(zip, (view, at, i) => {
      if (i !== 1) return;
      view.setUint8(at + 5, 3); // made by Unix
      view.setUint32(at + 38, (0o120777 << 16) >>> 0, true);
    });
    expect(reasons(link)).toEqual([expect.stringMatching(/^a\.png: a symbolic link/)]);
    const encrypted = patchCentral(zip, (view, at) => view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true));
    expect(reasons(encrypted)).toEqual(['form.html: an encrypted entry', 'a.png: an encrypted entry']);
  });

  it(`refuses more than ${FORM_LIMITS.files} files`, () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= FORM_LIMITS.files; i++) files[`i${i}.png`] = PNG;
    expect(reasons(zipOf(files)).join()).toContain(`more than ${FORM_LIMITS.files} files`);
  });

  it('refuses a file over the cap, counted on the inflated bytes even when the header says less', () => {
    const big = new Uint8Array(FORM_LIMITS.fileBytes + 1);
    const zip = zipOf({ 'form.html': MINIMAL_HTML, 'a.png': big });
    // The headers lie: 10 bytes uncompressed. Only the inflated bytes are believed.
    const lying = patchCentral(zip, (view, at, i) => i === 1 && view.setUint32(at + 24, 10, true));
    expect(reasons(lying)).toEqual([`a.png: larger than ${FORM_LIMITS.fileBytes} bytes uncompressed`]);
  });

  it('refuses a zip bomb: small archive, files each under the cap, total over it', () => {
    const files: Record<string, Uint8Array> = { 'form.html': new TextEncoder().encode(MINIMAL_HTML) };
    for (let i = 0; i < 5; i++) files[`f${i}.png`] = new Uint8Array(FORM_LIMITS.fileBytes);
    const zip = zipOf(files);
    expect(zip.byteLength).toBeLessThan(10_000);
    expect(reasons(zip).at(-1)).toContain(`larger than ${FORM_LIMITS.totalBytes} bytes uncompressed`);
  });

  it('stops inflating a deflate bomb at the cap', () => {
    const zip = zipOf({ 'a.png': new Uint8Array(8 * 1024 * 1024) });
    const started = performance.now();
    expect(reasons(zip)).toEqual([`a.png: larger than ${FORM_LIMITS.fileBytes} bytes uncompressed`]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a damaged archive', () => {
    const zip = zipOf({ 'form.html': MINIMAL_HTML });
    const broken = patchCentral(zip, (view, at) => view.setUint32(at + 42, 5, true));
    expect(reasons(broken)).toEqual(['form.html: damaged compressed data']);
  });

  it("computes zip's CRC-32 (the standard check value, and fflate's own)", () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const zip = zipOf({ 'form.html': MINIMAL_HTML });
    const central = patchCentral(zip, () => undefined);
    const at = Buffer.from(central).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(new DataView(central.buffer).getUint32(at + 16, true)).toBe(crc32(new TextEncoder().encode(MINIMAL_HTML)));
  });

  it('refuses a stored file whose bytes do not match its CRC-32', () => {
    const zip = zipOf({ 'form.html': MINIMAL_HTML, 'a.png': PNG }, { level: 0 });
    const flipped = renameAll(zip, 'Pay {{amount}}', 'Pax {{amount}}');
    expect(flipped).not.toEqual(zip);
    expect(reasons(flipped)).toEqual(['form.html: damaged data (its CRC-32 does not match)']);
  });

  it('refuses a deflated file whose CRC-32 in the directory is another', () => {
    const zip = zipOf({ 'form.html': MINIMAL_HTML, 'a.png': PNG });
    const wrong = patchCentral(
      zip,
      (view, at, i) => i === 1 && view.setUint32(at + 16, view.getUint32(at + 16, true) ^ 1, true),
    );
    expect(reasons(wrong)).toEqual(['a.png: damaged data (its CRC-32 does not match)']);
  });

  it('refuses a file that inflates to another size than its header declares', () => {
    const zip = zipOf({ 'form.html': MINIMAL_HTML });
    const short = patchCentral(zip, (view, at) => view.setUint32(at + 24, MINIMAL_HTML.length - 1, true));
    expect(reasons(short)).toEqual([
      `form.html: damaged data (${MINIMAL_HTML.length - 1} bytes declared, ${MINIMAL_HTML.length} inflated)`,
    ]);
  });

  it('refuses an archive larger than the upload cap before reading it', () => {
    const result = checkForm(new Uint8Array(FORM_LIMITS.archiveBytes + 1));
    expect(!result.ok && result.problems[0]?.reason).toContain('archive is larger');
  });
});
