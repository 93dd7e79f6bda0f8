import { createHash } from 'node:crypto';

// The bottom layer: security headers and Content Security Policies. Imports nothing of the
// sandbox, so every other module may use it.

/** Where frame documents send CSP violation reports (`report-uri` and the `csp` reporting endpoint). */
const CSP_REPORTS_PATH = '/v1/csp-reports';

/** Headers every JSON and HTML answer carries. */
export const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

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

/**
 * Headers every frame document carries (docs/architecture.md, security invariant 6): `styleHash` allows the
 * template's one `<style>`, `ancestor` is the only page that may frame it (`null`: none),
 * `fontUrls` the merchant's checked font files (ignored with `customForm`, whose styles, images
 * and fonts may come from the gateway itself only).
 */
export function frameHeaders(
  styleHash: string,
  ancestor: string | null,
  fontUrls: string[] = [],
  customForm = false,
): Record<string, string> {
  // A custom form's stylesheet, images and fonts are the gateway's own files: 'self', no host.
  const formSources: Record<string, string> = customForm ? { 'img-src': "'self'", 'font-src': "'self'" } : {};
  return {
    'Content-Security-Policy': csp({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': customForm ? `${styleHash} 'self'` : styleHash,
      'connect-src': "'self'",
      ...(fontUrls.length && !customForm ? { 'font-src': fontUrls.join(' ') } : {}),
      ...formSources,
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
 * Headers of a custom form's file (stylesheet, image, font): immutable (a version id never names
 * other bytes), never sniffed, loaded only by the gateway's own frame documents, and an SVG
 * opened on its own runs nothing and loads nothing.
 */
export function formFileHeaders(): Record<string, string> {
  return {
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': csp({ 'default-src': "'none'", 'style-src': "'unsafe-inline'", sandbox: '' }).trimEnd(),
  };
}
