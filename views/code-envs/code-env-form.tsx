// "New code env" and "Edit code env": one form, shown in a dialog (htmx) or as a page (no JavaScript).
import type { Child, FC } from 'hono/jsx';
import {
  CODE_ENV_LANGUAGES,
  DESCRIPTION_MAX,
  LANGUAGE_LABELS,
  LANGUAGE_VERSIONS,
  NAME_MAX,
  type CodeEnvField,
  type CodeEnvInput,
  type CodeEnvLanguage,
} from '../../src/domain/code-env.js';
import { FormActions } from '../components/dialog.js';
import { Field } from '../components/form.js';

export const EMPTY_CODE_ENV: CodeEnvInput = { name: '', language: 'python', languageVersion: '3.12', requirements: '', description: '' };

type Errors = Partial<Record<CodeEnvField, string>>;

/** What a control is described by: its hint and its error, with the ids `Control` gives them. */
const describedBy = (name: CodeEnvField, hint: boolean, error?: string) =>
  [hint ? `f-${name}-hint` : null, error ? `f-${name}-error` : null].filter(Boolean).join(' ') || undefined;

/** The label, hint and error around a select or a textarea, wired as `Field` does it for an input. */
const Control: FC<{ name: CodeEnvField; label: string; hint?: Child; error?: string; children: Child }> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for={`f-${p.name}`}>{p.label}</label>
    {p.hint ? (
      <p class="hint" id={`f-${p.name}-hint`}>
        {p.hint}
      </p>
    ) : null}
    {p.children}
    {p.error ? (
      <p class="error" id={`f-${p.name}-error`}>
        {p.error}
      </p>
    ) : null}
  </div>
);

export const CodeEnvForm: FC<{ action: string; submit: string; values: CodeEnvInput; errors?: Errors }> = ({ action, submit, values: v, errors: e = {} }) => (
  <form id="code-env-form" method="post" action={action} hx-post={action} hx-target="#code-env-form" hx-swap="outerHTML" class="stack">
    <Field
      name="name"
      label="Name"
      value={v.name}
      error={e.name}
      hint={`Letters, digits, _ and -, up to ${NAME_MAX} characters. No two code envs share a name, whatever the case.`}
      maxlength={NAME_MAX}
      required
      autofocus
    />
    <Control name="language" label="Language" error={e.language}>
      {/* With htmx, the version list below is narrowed to this language, on load and on every change. */}
      <select
        id="f-language"
        name="language"
        hx-get="/code-envs/language-versions"
        hx-trigger="load, change"
        hx-include="#f-languageVersion"
        hx-target="#f-languageVersion"
        hx-swap="innerHTML"
        aria-invalid={e.language ? 'true' : undefined} aria-describedby={describedBy('language', false, e.language)}>
        {CODE_ENV_LANGUAGES.map((l) => (
          <option value={l} selected={v.language === l}>
            {LANGUAGE_LABELS[l]}
          </option>
        ))}
      </select>
    </Control>
    <Control name="languageVersion" label="Language version" hint="Choose a version of the language chosen above." error={e.languageVersion}>
      <select
        id="f-languageVersion"
        name="languageVersion"
        aria-invalid={e.languageVersion ? 'true' : undefined}
        aria-describedby={describedBy('languageVersion', true, e.languageVersion)}
      >
        {/* Without JavaScript every version is offered, grouped by language; the server refuses a mismatch. */}
        {CODE_ENV_LANGUAGES.map((l) => (
          <optgroup label={LANGUAGE_LABELS[l]}>
            <VersionOptions language={l} selected={v.languageVersion} />
          </optgroup>
        ))}
      </select>
    </Control>
    <Control
      name="requirements"
      label="Package requirements"
      hint={
        <>
          One package per line. Python: <code>name[extras] op version, …</code>, such as <code>pandas[excel]&gt;=2.0,&lt;3</code>. R:{' '}
          <code>name</code> or <code>name (&gt;= 1.2)</code>. Blank lines and <code># comments</code> are fine.
        </>
      }
      error={e.requirements}
    >
      {/* A browser drops the newline right after <textarea>: with it, a list that starts with a blank line keeps that line. */}
      <textarea
        id="f-requirements"
        name="requirements"
        rows={8}
        spellcheck={false}
        aria-invalid={e.requirements ? 'true' : undefined}
        aria-describedby={describedBy('requirements', true, e.requirements)}
      >
        {`\n${v.requirements}`}
      </textarea>
    </Control>
    <Control name="description" label="Description" hint={`Optional, up to ${DESCRIPTION_MAX} characters.`} error={e.description}>
      <textarea
        id="f-description"
        name="description"
        rows={3}
        maxlength={DESCRIPTION_MAX}
        aria-invalid={e.description ? 'true' : undefined}
        aria-describedby={describedBy('description', true, e.description)}
      >
        {`\n${v.description}`}
      </textarea>
    </Control>
    <FormActions submit={submit} back="/code-envs" />
  </form>
);

/** The versions of one language, as options; `selected` is kept when it is one of them. */
export const VersionOptions: FC<{ language: CodeEnvLanguage; selected: string }> = (p) => (
  <>
    {LANGUAGE_VERSIONS[p.language].map((version) => (
      <option value={version} selected={p.selected === version}>
        {LANGUAGE_LABELS[p.language]} {version}
      </option>
    ))}
  </>
);
