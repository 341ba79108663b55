import type { Child, FC } from 'hono/jsx';

/** A labelled input with its error message right below it, wired with aria-describedby. */
export const Field: FC<{
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string;
  hint?: Child;
  autocomplete?: string;
  required?: boolean;
  readonly?: boolean;
  autofocus?: boolean;
  maxlength?: number;
  minlength?: number;
  form?: string;
}> = (p) => {
  const id = `f-${p.name}`;
  const describedBy = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        autocomplete={p.autocomplete}
        required={p.required}
        readonly={p.readonly}
        autofocus={p.autofocus}
        maxlength={p.maxlength}
        minlength={p.minlength}
        form={p.form}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
};

export const FormError: FC<{ message?: string | null }> = ({ message }) =>
  message ? (
    <div class="alert alert-error" role="alert">
      {message}
    </div>
  ) : null;

export const Notice: FC<{ message?: string | null }> = ({ message }) =>
  message ? (
    <div class="alert alert-success" role="status">
      {message}
    </div>
  ) : null;

/** The "choose a password" field every form shares, with the rule written where people type. */
export const NewPasswordField: FC<{ label?: string; error?: string; autofocus?: boolean }> = (p) => (
  <Field
    name="password"
    label={p.label ?? 'Password'}
    type="password"
    error={p.error}
    hint="8 to 256 characters. Any characters, spaces included."
    autocomplete="new-password"
    required
    autofocus={p.autofocus}
  />
);
