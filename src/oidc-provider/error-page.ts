// The HTML the provider answers with on an error and for the sign-out confirmation.
import { ProviderErrorPage, SignedOutPage, SignOutPage } from '../../views/instances/provider-pages.js';

export function renderProviderError(out: { error: string; error_description?: string } | null, logoutForm?: string): string {
  if (out === null) return String(SignOutPage({ form: logoutForm ?? '' }));
  return String(ProviderErrorPage({ error: out.error, description: out.error_description }));
}

export const renderSignedOut = (): string => String(SignedOutPage({}));
