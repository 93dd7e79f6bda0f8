import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@cards-session/protocol';
import type { Gateway } from '../context';
import { ApiError, invalidForm } from '../errors';
import type { StoredForm } from '../form-store';
import { checkForm } from './validate';

// Custom forms as the API sees them: each PUT checks the archive and stores a new immutable
// version; sessions pin the version current when they are created.

/** Checks `archive` and stores it as the next version of `name`; throws `INVALID_FORM` listing every problem. */
export function putForm(gw: Gateway, owner: string, name: string, archive: Uint8Array): StoredForm {
  const checked = checkForm(archive);
  if (!checked.ok) {
    const count = checked.problems.length;
    throw invalidForm(`The form ${name} was refused: ${count} problem${count === 1 ? '' : 's'}`, checked.problems);
  }
  return gw.store.transaction(() => {
    const form: StoredForm = {
      name,
      version: gw.store.forms.nextVersion(owner, name),
      id: `form_${randomBytes(12).toString('hex')}`,
      files: checked.files.map((f) => ({ path: f.path, bytes: f.bytes.byteLength, content_type: f.contentType })),
      created_at: new Date(gw.now()).toISOString(),
    };
    gw.store.forms.insert(owner, form, checked.files);
    return form;
  });
}

/** The current version of a live form of `owner`; throws `DATA_NOT_FOUND`. */
export function getForm(gw: Gateway, owner: string, name: string): StoredForm {
  const form = gw.store.forms.current(owner, name);
  if (!form) throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No form ${name.slice(0, 64)}`);
  return form;
}

/** Deletes a live form of `owner`; throws `DATA_NOT_FOUND`. Sessions that pinned it keep their version. */
export function deleteForm(gw: Gateway, owner: string, name: string): void {
  if (!gw.store.forms.remove(owner, name))
    throw new ApiError(404, ErrorCode.DATA_NOT_FOUND, `No form ${name.slice(0, 64)}`);
}

/** The version id a new session pins for the form `name`; throws `INVALID_FORM` naming it if there is none. */
export function formForSession(gw: Gateway, owner: string, name: string): string {
  const form = gw.store.forms.current(owner, name);
  if (!form)
    throw invalidForm(
      `cards_session_js.form: no form named ${name.slice(0, 64)} (upload it with PUT /v1/forms/${name.slice(0, 64)})`,
    );
  return form.id;
}
