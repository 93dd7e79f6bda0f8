import { ErrorCode as C } from '@cards-session/protocol';
import { FORM_FILE_TYPES } from '../forms/files';
import { FORM_LIMITS } from '../forms/problem';
import { NO_STORE, badKey, error, json, notFound, tooLarge, type Operation, type Parameter } from './operation';
import { custom } from './schema';
import { FORM_NAME_PATTERN, Form, FormList } from './schemas';

const FORMS = `A form is a zip of \`form.html\` (required), \`form.css\` (optional), and the images (.png,
.webp, .svg) and fonts (.woff2, .woff) they name by relative path; folders allowed. At most
${FORM_LIMITS.files} files, ${FORM_LIMITS.fileBytes} bytes each and ${FORM_LIMITS.totalBytes} in all
uncompressed. The template holds no script, handler, link, form, frame, object, style attribute or
URL of elsewhere, and exactly one \`<cs-cvn></cs-cvn>\` where the CVN input goes; placeholders
\`{{brand}}\`, \`{{last4}}\`, \`{{amount}}\`, \`{{currency}}\`, \`{{label}}\`, \`{{help}}\`,
\`{{help_text}}\` are filled as text. The stylesheet is any CSS whose every \`url()\`,
\`image-set()\` and \`@font-face\` source names a file of the form; \`@import\`, \`@namespace\` and
\`unicode-range\` are refused, and so are \`var()\`/\`attr()\` inside a URL, \`field-sizing\` (it
would make the frame's height follow the typed digits), ids starting with \`__\` and nesting deeper
than 128 elements. A refusal lists every problem as \`{file, line, reason}\`.`;

const nameParam: Parameter = {
  name: 'name',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: FORM_NAME_PATTERN.source },
};
const badName = error('The name is not a form name, or not valid percent-encoding', C.API_VALIDATION_ERROR);

/** Custom forms: the merchant server's calls with the secret key, and the files the frame loads. */
export const FORM_OPERATIONS = [
  {
    operationId: 'putForm',
    method: 'PUT',
    path: '/v1/forms/{name}',
    tag: 'Forms',
    summary: 'Upload a custom form: each upload is a new immutable version',
    description: FORMS,
    auth: 'secretKey',
    parameters: [nameParam],
    body: {
      contentType: 'application/zip',
      limit: FORM_LIMITS.archiveBytes,
      schema: custom<unknown>({ type: 'string', format: 'binary' }, () => undefined),
    },
    responses: {
      201: json('Stored: the new current version', Form),
      400: error(
        'The form was refused (`errors`: every problem as file, line, reason), or the name is not a form name',
        C.INVALID_FORM,
        C.API_VALIDATION_ERROR,
      ),
      401: badKey,
      413: tooLarge,
      415: error('Content-Type is not application/zip', C.API_VALIDATION_ERROR),
    },
  },
  {
    operationId: 'listForms',
    method: 'GET',
    path: '/v1/forms',
    tag: 'Forms',
    summary: 'The current version of every live form of this secret key',
    auth: 'secretKey',
    responses: { 200: json('The forms, by name', FormList), 401: badKey },
  },
  {
    operationId: 'getForm',
    method: 'GET',
    path: '/v1/forms/{name}',
    tag: 'Forms',
    summary: 'The current version of a form of this secret key',
    auth: 'secretKey',
    parameters: [nameParam],
    responses: { 200: json('The current version', Form), 400: badName, 401: badKey, 404: notFound('form') },
  },
  {
    operationId: 'deleteForm',
    method: 'DELETE',
    path: '/v1/forms/{name}',
    tag: 'Forms',
    summary: 'Delete a form: later sessions cannot name it; sessions already created keep their version',
    auth: 'secretKey',
    parameters: [nameParam],
    responses: {
      204: { description: 'Deleted', headers: NO_STORE },
      400: badName,
      401: badKey,
      404: notFound('form'),
    },
  },
  {
    operationId: 'getFormFile',
    method: 'GET',
    path: '/v1/frames/forms/{id}/{path}',
    tag: 'Browser',
    summary: 'A file of a form version, for the frame: its stylesheet, images and fonts',
    description:
      '`path` is the file’s path in the zip and may hold `/`. The template itself is never served: the frame document renders it.',
    auth: 'public',
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
    ],
    responses: {
      200: {
        description: 'The file, immutable (the id names one version)',
        files: Object.values(FORM_FILE_TYPES)
          .map((type) => type.split(';')[0] ?? type)
          .filter((type) => type !== 'text/html'),
        headers: {
          'Cache-Control': {
            description: 'Immutable: a version never changes.',
            schema: { const: 'public, max-age=31536000, immutable' },
            required: true,
          },
          'X-Content-Type-Options': NO_STORE['X-Content-Type-Options']!,
          'Cross-Origin-Resource-Policy': {
            description: 'Only the gateway’s own frame documents load it.',
            schema: { const: 'same-origin' },
            required: true,
          },
          'Content-Security-Policy': {
            description: 'An SVG opened on its own runs nothing and loads nothing.',
            schema: { const: "default-src 'none'; style-src 'unsafe-inline'; sandbox" },
            required: true,
          },
        },
      },
      404: notFound('form file'),
    },
  },
] as const satisfies readonly Operation[];
