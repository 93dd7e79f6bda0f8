/** One file of a stored form version, as the gateway lists it. */
interface FormFile {
  path: string;
  bytes: number;
  content_type: string;
}

/** A stored form version: `PUT /v1/forms/{name}`'s answer. */
export interface FormVersion {
  name: string;
  version: number;
  id: string;
  files: FormFile[];
  created_at: string;
}

/** One problem of a refused form: where it is and why. */
export interface FormProblem {
  file: string;
  line?: number | null;
  reason: string;
}

/**
 * A gateway call that did not succeed: `GATEWAY_UNREACHABLE` (no answer), `GATEWAY_ERROR` (an
 * answer that is no gateway's), or the gateway's own `error_code` (`INVALID_FORM`,
 * `INVALID_API_KEY`, `DATA_NOT_FOUND`, …) with its `errors`.
 */
export class GatewayCallError extends Error {
  override name = 'GatewayCallError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    readonly problems: FormProblem[] = [],
  ) {
    super(message);
  }
}

/** Where the gateway is and the merchant's secret key, for the server-side calls. */
export interface GatewayAccess {
  gateway: string;
  key: string;
}

/** How long the CLI waits for one answer of the gateway. */
const TIMEOUT_MS = 15_000;

/** One call with the secret key; resolves the JSON of a 2xx answer, throws {@link GatewayCallError}. */
export async function callGateway<T>(
  { gateway, key }: GatewayAccess,
  method: string,
  path: string,
  body?: { type: string; data: Uint8Array | string },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        ...(body && { 'Content-Type': body.type }),
      },
      body: body?.data,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new GatewayCallError(
      'GATEWAY_UNREACHABLE',
      `${method} ${gateway}${path}: no answer (${cause}); is the sandbox running there? Start it with \`npx cards-session-sandbox\`, or pass --gateway`,
    );
  }
  const text = await res.text();
  let json: Record<string, unknown> | null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = null;
  }
  if (res.ok && json) return json as T;
  if (json && typeof json.error_code === 'string') {
    const problems = Array.isArray(json.errors) ? (json.errors as FormProblem[]).filter((p) => p && p.file) : [];
    throw new GatewayCallError(json.error_code, String(json.message ?? ''), res.status, problems);
  }
  throw new GatewayCallError(
    'GATEWAY_ERROR',
    `${method} ${gateway}${path} answered ${res.status} without a gateway's JSON: is ${gateway} a Cards Session gateway?`,
    res.status,
  );
}

/** Uploads a form's zip as `name`: a new version, current from now on. */
export function pushForm(access: GatewayAccess, name: string, zip: Uint8Array): Promise<FormVersion> {
  return callGateway(access, 'PUT', `/v1/forms/${encodeURIComponent(name)}`, { type: 'application/zip', data: zip });
}

/** The current version of the form `name`. */
export function getForm(access: GatewayAccess, name: string): Promise<FormVersion> {
  return callGateway(access, 'GET', `/v1/forms/${encodeURIComponent(name)}`);
}

/** A problem as an editor's jump list reads it: `file:line: reason`. */
export function problemLine(problem: FormProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.reason}`;
}

/** What the CLI prints for a pushed version: name, version, id, then each file. */
export function describeVersion(version: FormVersion, gateway: string): string {
  const width = Math.max(...version.files.map((f) => f.path.length));
  const files = version.files.map(
    (f) => `  ${f.path.padEnd(width)}  ${String(f.bytes).padStart(7)} B  ${f.content_type}`,
  );
  return [
    `Pushed form "${version.name}" version ${version.version} (${version.id}) to ${gateway}`,
    ...files,
    `Sessions created with cards_session_js.form: "${version.name}" from now on render this version.`,
  ].join('\n');
}
