import type { Assets } from './assets';
import { escapeHtml } from './http';

/** A custom form in the frame document: its rendered body and, when it has one, its stylesheet's URL. */
export interface FramePage {
  body: string;
  stylesheet: string | null;
}

/**
 * The frame document: the frame build's template with its configuration embedded as JSON data
 * (never as script) and its script referenced with an integrity hash. With `form`, the body is
 * the form's (already rendered and escaped) and its stylesheet is linked after ours.
 */
export function renderFrame(assets: Assets, lang: string, config: Record<string, unknown>, form?: FramePage): string {
  const script = assets.manifest.assets['frame.js'];
  if (!script) throw new Error('manifest has no frame.js');
  // `<` escaped so no value can close the data block.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const html = assets.frameTemplate
    .replace('%LANG%', () => escapeHtml(lang))
    .replace('%SCRIPT%', () => `/assets/${escapeHtml(assets.manifest.version)}/frame.js`)
    .replace('%INTEGRITY%', () => escapeHtml(script.integrity))
    .replace('%CONFIG%', () => json);
  if (!form) return html;
  if (!html.includes('<body></body>')) throw new Error('frame.html has no empty <body></body> for a form');
  const link = form.stylesheet ? `<link rel="stylesheet" href="${escapeHtml(form.stylesheet)}">\n` : '';
  return html.replace('</head>', () => `${link}</head>`).replace('<body></body>', () => `<body>${form.body}</body>`);
}
