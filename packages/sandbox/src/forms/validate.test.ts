import { describe, expect, it } from 'vitest';
import { checkForm } from './validate';
import { MINIMAL_HTML, PNG, WOFF2, zipOf } from './test-zip';

const problemsOf = (files: Record<string, string | Uint8Array>) => {
  const result = checkForm(zipOf(files));
  return result.ok ? [] : result.problems.map((p) => `${p.file}:${p.line}: ${p.reason}`);
};

describe('checkForm', () => {
  it('accepts a form and types each file by its extension', () => {
    const result = checkForm(
      zipOf({
        'form.html': MINIMAL_HTML.replace('<p>', '<p><img src="img/logo.png" alt="">'),
        'form.css': '@font-face{font-family:B;src:url(fonts/b.woff2)} body{font-family:B}',
        'img/logo.png': PNG,
        'fonts/b.woff2': WOFF2,
        'img/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/></svg>',
      }),
    );
    expect(result.ok && result.files.map((f) => [f.path, f.contentType])).toEqual([
      ['form.html', 'text/html; charset=utf-8'],
      ['form.css', 'text/css; charset=utf-8'],
      ['img/logo.png', 'image/png'],
      ['fonts/b.woff2', 'font/woff2'],
      ['img/icon.svg', 'image/svg+xml'],
    ]);
  });

  it('needs form.html', () => {
    expect(problemsOf({ 'form.css': 'a{}' })).toEqual(['form.html:0: missing: a form needs form.html at its root']);
  });

  it('refuses files whose bytes are not what their extension says, and other kinds of file', () => {
    expect(
      problemsOf({
        'form.html': MINIMAL_HTML,
        'a.png': '<svg onload="alert(1)"></svg>',
        'b.webp': PNG,
        'c.woff2': PNG,
        'd.woff': WOFF2,
        'e.js': 'alert(1)',
        'f.html': '<p>',
        'sub/form.css': 'a{}',
        'g.svg': new Uint8Array([0xff, 0xfe, 0x00]),
      }),
    ).toEqual([
      'a.png:0: not a PNG image',
      'b.webp:0: not a WebP image',
      'c.woff2:0: not a WOFF2 font',
      'd.woff:0: not a WOFF font',
      'e.js:0: not a file a form may hold (form.html, form.css, .png, .webp, .svg, .woff, .woff2)',
      'f.html:0: a form has one HTML file, form.html, at its root',
      'sub/form.css:0: a form has one CSS file, form.css, at its root',
      'g.svg:0: not UTF-8 text',
    ]);
  });

  it('lists the problems of every file at once', () => {
    const found = problemsOf({
      'form.html': '<script>1</script>',
      'form.css': '\n@import "https://evil.example/x.css";',
      'x.svg': '<svg><script>1</script></svg>',
    });
    expect(found).toEqual([
      'form.html:1: <script> is not allowed: no script of the form runs: the frame script is always ours',
      'form.html:0: exactly one <cs-cvn></cs-cvn> is needed, found 0',
      'form.css:2: @import is not allowed: a form has one stylesheet, form.css',
      'x.svg:1: <script> is not allowed in an SVG',
    ]);
  });
});
