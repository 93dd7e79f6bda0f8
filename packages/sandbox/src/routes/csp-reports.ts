import { ErrorCode } from '@cards-session/protocol';
import { ApiError } from '../errors';
import { readText, sendJson, type Router } from '../http';

/** The largest report body accepted, in bytes. */
const CSP_REPORT_LIMIT = 8 * 1024;

/** How many reports are kept, newest last. */
const CSP_REPORTS_KEPT = 100;

/**
 * One violation as kept: these four fields and nothing else. No script sample, no source file,
 * no referrer, no user agent, and the document URL without its query (the session id, the
 * merchant origin) or fragment (the channel).
 */
interface CspReport {
  document_uri: string;
  effective_directive: string;
  blocked_uri: string;
  disposition: 'enforce' | 'report';
}

/** The longest value kept for any field; a longer one is cut. */
const FIELD_MAX = 256;

const str = (value: unknown): string | null => (typeof value === 'string' ? value.slice(0, 2048) : null);

/** A URL without query or fragment; a keyword (`inline`, `eval`, `self`…) as it is; else `''`. */
function stripUrl(value: string | null): string {
  if (!value) return '';
  try {
    const url = new URL(value);
    // Opaque URLs (data:, blob:, about:) say nothing beyond their scheme.
    if (!/^https?:$/.test(url.protocol)) return url.protocol;
    return `${url.origin}${url.pathname}`.slice(0, FIELD_MAX);
  } catch {
    return /^[a-z][a-z-]{0,63}$/.test(value) ? value : '';
  }
}

/** A directive name only, never the policy text that may follow it. */
function directiveName(value: string | null): string {
  const name = value?.trim().split(/\s+/)[0] ?? '';
  return /^[a-z][a-z-]{0,63}$/.test(name) ? name : '';
}

/** The kept fields of one violation, from either report format's field names. */
function keep(fields: {
  document: string | null;
  effective: string | null;
  violated: string | null;
  blocked: string | null;
  disposition: string | null;
}): CspReport | null {
  const documentUri = stripUrl(fields.document);
  const directive = directiveName(fields.effective) || directiveName(fields.violated);
  if (!documentUri || !directive) return null;
  return {
    document_uri: documentUri,
    effective_directive: directive,
    blocked_uri: stripUrl(fields.blocked),
    disposition: fields.disposition === 'report' ? 'report' : 'enforce',
  };
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** `application/csp-report`: `{"csp-report": {"document-uri": …, "violated-directive": …, …}}`. */
function fromCspReport(body: unknown): CspReport[] {
  const report = record(record(body)?.['csp-report']);
  if (!report) throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'expected a "csp-report" object');
  const kept = keep({
    document: str(report['document-uri']),
    effective: str(report['effective-directive']),
    violated: str(report['violated-directive']),
    blocked: str(report['blocked-uri']),
    disposition: str(report.disposition),
  });
  return kept ? [kept] : [];
}

/** `application/reports+json` (the Reporting API): an array of reports, `csp-violation` ones kept. */
function fromReportsJson(body: unknown): CspReport[] {
  if (!Array.isArray(body)) throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'expected an array of reports');
  return body.flatMap((entry: unknown) => {
    const report = record(entry);
    const fields = record(report?.body);
    if (report?.type !== 'csp-violation' || !fields) return [];
    const kept = keep({
      document: str(fields.documentURL) ?? str(report.url),
      effective: str(fields.effectiveDirective),
      violated: null,
      blocked: str(fields.blockedURL),
      disposition: str(fields.disposition),
    });
    return kept ? [kept] : [];
  });
}

/**
 * `POST /v1/csp-reports`: violation reports from frame documents, as browsers send them; and
 * `GET /v1/csp-reports` (secret key): the last {@link CSP_REPORTS_KEPT}, newest last. Reports live
 * in memory only; bodies are never logged.
 */
export function cspReportRoutes(router: Router): void {
  const reports: CspReport[] = [];

  router.route('sendCspReports', async ({ req, res }) => {
    const type = String(req.headers['content-type'] ?? '');
    const format = /^application\/csp-report\s*(;|$)/i.test(type)
      ? 'csp-report'
      : /^application\/reports\+json\s*(;|$)/i.test(type)
        ? 'reports+json'
        : null;
    if (!format) {
      throw new ApiError(
        415,
        ErrorCode.API_VALIDATION_ERROR,
        `expected Content-Type application/csp-report or application/reports+json, received ${type.slice(0, 100) || 'none'}`,
      );
    }
    const declared = Number(req.headers['content-length']);
    if (declared > CSP_REPORT_LIMIT) {
      throw new ApiError(413, ErrorCode.API_VALIDATION_ERROR, `Request body larger than ${CSP_REPORT_LIMIT} bytes`);
    }
    const text = await readText(req, CSP_REPORT_LIMIT);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, ErrorCode.API_VALIDATION_ERROR, 'Request body is not valid JSON');
    }
    const kept = format === 'csp-report' ? fromCspReport(body) : fromReportsJson(body);
    reports.push(...kept);
    if (reports.length > CSP_REPORTS_KEPT) reports.splice(0, reports.length - CSP_REPORTS_KEPT);
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  });

  router.route('listCspReports', ({ res }) => {
    sendJson(res, 200, { reports });
  });
}
