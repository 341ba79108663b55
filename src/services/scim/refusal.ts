// A use case's refusal as a SCIM error: the status and scimType come from the SCIM vocabulary, the detail
// from the ONE error table (so a seat refusal names the full profile in the same words the panels use).
import type { ScimErrorCode, ScimProblem } from '../../domain/scim/errors.js';
import { describeRefusal, type Refusal } from '../errors.js';

function scimCodeOf(code: Refusal['code']): ScimErrorCode {
  switch (code) {
    case 'not_found':
      return 'not_found';
    case 'forbidden':
      return 'forbidden';
    case 'name_taken':
    case 'email_taken':
    case 'external_id_taken':
      return 'uniqueness';
    // The space's invariants: the state of the target forbids the change.
    case 'owner_stays_admin':
    case 'owner_stays_active':
    case 'own_account':
    case 'own_account_active':
    case 'protected_group':
    case 'protected_name':
    case 'admins_keep_space_admin':
    case 'extension_active':
      return 'mutability';
    default:
      return 'invalid_value';
  }
}

export function scimRefusal(refusal: Refusal): ScimProblem {
  const d = describeRefusal(refusal);
  const detail = refusal.code === 'user_not_found' ? 'A member named in the request is not a user of this space.' : d.words;
  return { code: scimCodeOf(refusal.code), detail };
}
