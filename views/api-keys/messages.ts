// The words for each API key form problem, next to the field it belongs to.
import { API_KEY_NAME_MAX, type ApiKeyProblem } from '../../src/domain/api-scopes.js';

export function apiKeyProblemMessage(code: ApiKeyProblem, detail?: string): string {
  switch (code) {
    case 'name_required':
      return 'Give the key a name that says what uses it, such as “Nightly group sync”.';
    case 'name_too_long':
      return `At most ${API_KEY_NAME_MAX} characters.`;
    case 'scopes_required':
      return 'Choose at least one scope.';
    case 'unknown_scope':
      return `“${detail ?? ''}” is not a scope.`;
    case 'expiry_invalid':
      return 'A duration such as 90d, 12h or 30m, or empty for no expiry.';
  }
}
