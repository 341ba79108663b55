// What a valid code environment is: its name, language and version, and its package requirements. Pure.
import { parseRequirements } from './code-env-requirements.js';

export { parseRequirements, requirementNames, type ParsedRequirements, type Requirement } from './code-env-requirements.js';

export const CODE_ENV_LANGUAGES = ['python', 'r'] as const;
export type CodeEnvLanguage = (typeof CODE_ENV_LANGUAGES)[number];

export const LANGUAGE_LABELS: Record<CodeEnvLanguage, string> = { python: 'Python', r: 'R' };

/** The versions a space can build, oldest first. */
export const LANGUAGE_VERSIONS: Record<CodeEnvLanguage, readonly string[]> = {
  python: ['3.9', '3.10', '3.11', '3.12', '3.13'],
  r: ['4.2', '4.3', '4.4', '4.5'],
};

export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 500;
export const REQUIREMENTS_MAX_LINES = 1000;

/** What a form sends: untrusted strings. */
export interface CodeEnvInput {
  name: string;
  language: string;
  languageVersion: string;
  requirements: string;
  description: string;
}

/** A valid code env's fields, normalized: name and description trimmed, requirements with `\n` line ends. */
export interface CodeEnvFields {
  name: string;
  language: CodeEnvLanguage;
  languageVersion: string;
  requirements: string;
  description: string;
}

export type CodeEnvField = keyof CodeEnvInput;
export const CODE_ENV_FIELDS: readonly CodeEnvField[] = ['name', 'language', 'languageVersion', 'requirements', 'description'];

export type CodeEnvProblem =
  | { code: 'name_empty' | 'name_too_long' | 'name_characters' }
  | { code: 'name_taken'; existing: string }
  | { code: 'language_unknown' }
  | { code: 'version_unknown'; language: CodeEnvLanguage }
  | { code: 'requirements_too_long'; lines: number }
  | { code: 'requirement_malformed'; language: CodeEnvLanguage; line: number; text: string; otherLines: number[] }
  | { code: 'requirement_duplicate'; line: number; firstLine: number; name: string }
  | { code: 'description_too_long'; length: number };

/** At most one problem per field: the one to show next to it. */
export type CodeEnvProblems = Partial<Record<CodeEnvField, CodeEnvProblem>>;

export type CodeEnvValidation = { ok: true; value: CodeEnvFields } | { ok: false; problems: CodeEnvProblems };

export function isCodeEnvLanguage(value: unknown): value is CodeEnvLanguage {
  return typeof value === 'string' && (CODE_ENV_LANGUAGES as readonly string[]).includes(value);
}

/** The key names are compared by: unique whatever the case. */
export function codeEnvNameKey(name: string): string {
  return name.trim().toLowerCase();
}

// --- Checks ---------------------------------------------------------------------------------------------

function checkRequirements(language: CodeEnvLanguage, text: string): CodeEnvProblem | null {
  const lines = normalizeRequirements(text).split('\n').length;
  if (lines > REQUIREMENTS_MAX_LINES) return { code: 'requirements_too_long', lines };
  const { requirements, malformed } = parseRequirements(language, text);
  const [first, ...others] = malformed;
  if (first) return { code: 'requirement_malformed', language, line: first.line, text: first.text, otherLines: others.map((o) => o.line) };
  const seen = new Map<string, number>();
  for (const r of requirements) {
    const firstLine = seen.get(r.key);
    if (firstLine !== undefined) return { code: 'requirement_duplicate', line: r.line, firstLine, name: r.name };
    seen.set(r.key, r.line);
  }
  return null;
}

/** As stored: `\n` line ends, no trailing spaces, no blank lines at either end. Comments are kept. */
function normalizeRequirements(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

// --- The whole form -----------------------------------------------------------------------------------

function checkName(name: string): CodeEnvProblem | null {
  if (name === '') return { code: 'name_empty' };
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return { code: 'name_characters' };
  if (name.length > NAME_MAX) return { code: 'name_too_long' };
  return null;
}

export function validateCodeEnv(input: CodeEnvInput): CodeEnvValidation {
  const problems: CodeEnvProblems = {};
  const name = input.name.trim();
  const description = input.description.replace(/\r\n?/g, '\n').trim(); // a browser sends CRLF; count a line break once

  const nameProblem = checkName(name);
  if (nameProblem) problems.name = nameProblem;

  const language = isCodeEnvLanguage(input.language) ? input.language : null;
  if (!language) problems.language = { code: 'language_unknown' };
  else {
    // check_version_matches_language: 4.3 is an R version, not a Python one.
    if (!LANGUAGE_VERSIONS[language].includes(input.languageVersion)) problems.languageVersion = { code: 'version_unknown', language };
    const requirementsProblem = checkRequirements(language, input.requirements);
    if (requirementsProblem) problems.requirements = requirementsProblem;
  }

  const length = [...description].length;
  if (length > DESCRIPTION_MAX) problems.description = { code: 'description_too_long', length };

  if (Object.keys(problems).length || !language) return { ok: false, problems };
  return {
    ok: true,
    value: { name, language, languageVersion: input.languageVersion, requirements: normalizeRequirements(input.requirements), description },
  };
}
