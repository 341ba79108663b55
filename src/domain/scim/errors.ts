// One vocabulary for SCIM refusals: a code per refusal, mapped once to the HTTP status and the `scimType`
// of RFC 7644 §3.12, and one builder for the error body.
import { ERROR } from './urns.js';

export type ScimErrorCode =
  | 'invalid_filter'
  | 'too_many'
  | 'uniqueness'
  | 'mutability'
  | 'invalid_syntax'
  | 'invalid_path'
  | 'no_target'
  | 'invalid_value'
  | 'not_found'
  | 'forbidden'
  | 'version_mismatch';

/** A refusal on its way to the client: the code and a sentence for the administrator reading the IdP's log. */
export interface ScimProblem {
  code: ScimErrorCode;
  detail: string;
}

export type ScimResult<T> = { ok: true; value: T } | { ok: false; problem: ScimProblem };

export function problem(code: ScimErrorCode, detail: string): { ok: false; problem: ScimProblem } {
  return { ok: false, problem: { code, detail } };
}

export interface ScimErrorBody {
  schemas: [typeof ERROR];
  /** RFC 7644 §3.12: the HTTP status as a string. */
  status: string;
  scimType?: string;
  detail: string;
}

export function scimStatus(code: ScimErrorCode): { status: number; scimType?: string } {
  switch (code) {
    case 'invalid_filter':
      return { status: 400, scimType: 'invalidFilter' };
    case 'too_many':
      return { status: 400, scimType: 'tooMany' };
    case 'uniqueness':
      return { status: 409, scimType: 'uniqueness' };
    case 'mutability':
      return { status: 400, scimType: 'mutability' };
    case 'invalid_syntax':
      return { status: 400, scimType: 'invalidSyntax' };
    case 'invalid_path':
      return { status: 400, scimType: 'invalidPath' };
    case 'no_target':
      return { status: 400, scimType: 'noTarget' };
    case 'invalid_value':
      return { status: 400, scimType: 'invalidValue' };
    case 'not_found':
      return { status: 404 };
    case 'forbidden':
      return { status: 403 };
    case 'version_mismatch':
      return { status: 412 };
  }
}

export function scimErrorBody(p: ScimProblem): ScimErrorBody {
  const { status, scimType } = scimStatus(p.code);
  return { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail: p.detail };
}
