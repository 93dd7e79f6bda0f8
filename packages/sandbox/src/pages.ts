import { createHash } from 'node:crypto';
import { escapeHtml } from './http';
import type { Assets } from './assets';
import { CSP_REPORTS_PATH } from './routes/csp-reports';

/** The CSP source expression that allows exactly this inline `<style>` or `<script>` text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** Joins CSP directives. */
export function csp(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** Headers every frame document carries (DESIGN.md, security invariant 6). */
export function frameHeaders(assets: Assets, ancestor: string | null, fontUrls: string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': csp({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': assets.frameStyleHash,
      'connect-src': "'self'",
      ...(fontUrls.length ? { 'font-src': fontUrls.join(' ') } : {}),
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': ancestor ?? "'none'",
      'require-trusted-types-for': "'script'",
      // Violations are reported to the gateway (fields kept: routes/csp-reports.ts).
      'report-uri': CSP_REPORTS_PATH,
    }),
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // Lets the page that asked see whether the document arrived (Resource Timing), so the SDK can
    // tell a frame that never came from one whose script never started.
    ...(ancestor ? { 'Timing-Allow-Origin': ancestor } : {}),
  };
}

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
