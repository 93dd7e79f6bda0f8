import type { Assets } from './assets';
import { escapeHtml } from './http';

/**
 * The frame document: the frame build's template with its configuration embedded as JSON data
 * (never as script) and its script referenced with an integrity hash.
 */
export function renderFrame(assets: Assets, lang: string, config: Record<string, unknown>): string {
  const script = assets.manifest.assets['frame.js'];
  if (!script) throw new Error('manifest has no frame.js');
  // `<` escaped so no value can close the data block.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return assets.frameTemplate
    .replace('%LANG%', () => escapeHtml(lang))
    .replace('%SCRIPT%', () => `/assets/${escapeHtml(assets.manifest.version)}/frame.js`)
    .replace('%INTEGRITY%', () => escapeHtml(script.integrity))
    .replace('%CONFIG%', () => json);
}
