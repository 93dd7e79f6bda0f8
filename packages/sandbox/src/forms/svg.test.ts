import { describe, expect, it } from 'vitest';
import { checkSvg } from './svg';

const reasons = (svg: string) => checkSvg(svg, 'img/a.svg').map((p) => p.reason);
const wrap = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`;

describe('form SVG images', () => {
  it('accepts shapes, gradients and internal references', () => {
    const svg = `<?xml version="1.0"?>${wrap('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><use href="#g"/>')}`;
    expect(reasons(svg)).toEqual([]);
  });

  it.each([
    [wrap('<script>alert(1)</script>'), 'script'],
    [wrap('<foreignObject><div>x</div></foreignObject>'), 'foreignObject'],
    [wrap('<rect onload="alert(1)"/>'), 'event handler'],
    ['<svg onload="alert(1)"></svg>', 'event handler'],
    [wrap('<image href="https://evil.example/x.png"/>'), 'must point inside'],
    [wrap('<a xlink:href="javascript:alert(1)"><rect/></a>'), 'must point inside'],
    [wrap('<use href="other.svg#x"/>'), 'must point inside'],
    [wrap('<rect fill="url(https://evil.example/#g)"/>'), 'outside the SVG'],
    [wrap('<style>rect{fill:url(https://evil.example)}</style>'), 'style'],
    [wrap('<set attributeName="href" to="javascript:alert(1)"/>'), 'animating a link'],
    [`<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>${wrap('&x;')}`, 'DOCTYPE'],
    [`<?xml-stylesheet href="https://evil.example/x.css"?>${wrap('')}`, 'xml-stylesheet'],
    ['<p>not svg</p>', 'one <svg> element'],
  ])('refuses %s', (svg, why) => {
    expect(reasons(svg).join('\n')).toContain(why);
  });
});
