import { ErrorCode } from '@cards-session/protocol';
import type { Gateway } from '../context';
import { FORM_NAME_PATTERN } from '../contract';
import { ApiError } from '../errors';
import { FORM_HTML } from '../forms/files';
import { deleteForm, getForm, putForm } from '../forms/catalog';
import { FORM_LIMITS } from '../forms/problem';
import { readBytes, sendJson, type Router } from '../http';
import { BASE_HEADERS, formFileHeaders } from '../security-headers';

/** The name path parameter, checked; throws `API_VALIDATION_ERROR`. */
function formName(params: Record<string, string>): string {
  const name = params.name ?? '';
  if (!FORM_NAME_PATTERN.test(name)) {
    throw new ApiError(
      400,
      ErrorCode.API_VALIDATION_ERROR,
      `expected a form name (a-z, 0-9, - and _, at most 64 characters), received ${JSON.stringify(name.slice(0, 80))}`,
    );
  }
  return name;
}

/** Custom forms (secret key), and their files for the frame (public: a version id is unguessable). */
export function formRoutes(router: Router, gw: Gateway): void {
  router.route('putForm', async ({ req, res, owner, params }) => {
    const name = formName(params);
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/zip\s*(;|$)/i.test(type)) {
      throw new ApiError(
        415,
        ErrorCode.API_VALIDATION_ERROR,
        `expected Content-Type application/zip, received ${type || 'none'}`,
      );
    }
    const archive = await readBytes(req, FORM_LIMITS.archiveBytes);
    sendJson(res, 201, putForm(gw, owner, name, new Uint8Array(archive)));
  });

  router.route('listForms', ({ res, owner }) => sendJson(res, 200, { data: gw.store.forms.list(owner) }));

  router.route('getForm', ({ res, owner, params }) => sendJson(res, 200, getForm(gw, owner, formName(params))));

  router.route('deleteForm', ({ res, owner, params }) => {
    deleteForm(gw, owner, formName(params));
    res.writeHead(204, BASE_HEADERS);
    res.end();
  });

  router.route('getFormFile', ({ res, params }) => {
    const path = params.path ?? '';
    // The template is rendered into the frame document, never served as it was uploaded.
    const file = path === FORM_HTML ? undefined : gw.store.forms.file(params.id ?? '', path);
    if (!file) throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No form file ${path.slice(0, 100)}`);
    res.writeHead(200, { 'Content-Type': file.contentType, ...formFileHeaders() });
    res.end(file.data);
  });
}
