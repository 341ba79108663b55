import type { FC } from 'hono/jsx';
import { Field, FormError, NewPasswordField } from '../components/form.js';

export interface SetupValues {
  spaceName?: string;
  displayName?: string;
  email?: string;
}

export const SetupPage: FC<{ token: string; values?: SetupValues; errors?: Record<string, string> }> = (p) => (
  <>
    <h1>Set up your space</h1>
    <p class="muted">Name the space and create its owner. The owner administers the space and can hand ownership over later.</p>
    <FormError message={p.errors?._} />
    <form method="post" action="/setup" class="stack">
      <input type="hidden" name="token" value={p.token} />
      <Field name="spaceName" label="Space name" value={p.values?.spaceName} error={p.errors?.spaceName} maxlength={80} required autofocus />
      <Field name="displayName" label="Your name" value={p.values?.displayName} error={p.errors?.displayName} autocomplete="name" maxlength={100} required />
      <Field name="email" label="Your email" type="email" value={p.values?.email} error={p.errors?.email} autocomplete="username" required />
      <NewPasswordField label="Password" error={p.errors?.password} />
      <button class="btn btn-primary btn-block" type="submit">
        Create the space
      </button>
    </form>
  </>
);
