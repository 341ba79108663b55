// What each refusal of the instance form says, next to its field.
import type { InstanceProblem } from '../../src/services/instances.js';

export function instanceProblemMessage(code: InstanceProblem, detail?: string): string {
  switch (code) {
    case 'name_required':
      return 'Give the instance a name.';
    case 'name_too_long':
      return 'Use at most 100 characters.';
    case 'redirect_uri_required':
      return 'Give at least one redirect URI: the address the instance receives the sign-in at.';
    case 'redirect_uri_invalid':
      return `“${detail ?? ''}” is not a full http(s) address without a #fragment.`;
    case 'too_many_redirect_uris':
      return 'Give at most 10 redirect URIs.';
  }
}
