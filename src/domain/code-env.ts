// What a valid code environment is: its name, language and version, and its package requirements. Pure.

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

// --- Package requirements -----------------------------------------------------------------------------

// The patterns below have no nested or adjacent repetition that could match the same text two ways, and
// lines are capped, so a hostile line costs linear time (no catastrophic backtracking).
const REQUIREMENT_MAX_LENGTH = 200;

// Python, PEP 508 without URLs and markers: name[extras] then version clauses, bare or in parentheses.
const PY_NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const PY_EXTRAS = `\\[\\s*(?:${PY_NAME}(?:\\s*,\\s*${PY_NAME})*)?\\s*\\]`;
// PEP 440: [N!]N(.N)* then a prefix match .* or [{a|b|rc}N][.postN][.devN][+local]; each part at most once.
const PY_PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|rc|a|b|c)[-_.]?\\d*)?';
const PY_POST = '(?:[-_.]?(?:post|rev|r)[-_.]?\\d*|-\\d+)?';
const PY_DEV = '(?:[-_.]?dev[-_.]?\\d*)?';
const PY_LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const PY_VERSION = `(?:\\d+!)?\\d+(?:\\.\\d+)*(?:\\.\\*|${PY_PRE}${PY_POST}${PY_DEV}${PY_LOCAL})`;
const PY_CLAUSE = `(?:===|==|!=|~=|<=|>=|<|>)\\s*${PY_VERSION}`;
const PY_SPECS = `${PY_CLAUSE}(?:\\s*,\\s*${PY_CLAUSE})*`;
const PYTHON_REQUIREMENT = new RegExp(`^(${PY_NAME})\\s*(?:${PY_EXTRAS}\\s*)?(?:\\(\\s*${PY_SPECS}\\s*\\)|${PY_SPECS})?$`, 'i');

// R, as in a DESCRIPTION file: a package name, optionally one version constraint in parentheses.
const R_REQUIREMENT = /^([A-Za-z][A-Za-z0-9.]*[A-Za-z0-9])\s*(?:\(\s*(?:>=|<=|==|!=|>|<)\s*\d+(?:[.-]\d+)+\s*\))?$/;

export interface Requirement {
  /** 1-based, counting blank and comment lines, as the person typed them. */
  line: number;
  name: string;
  /** What duplicates are compared by: PEP 503 normalization for Python; R names are case-sensitive. */
  key: string;
  text: string;
}

export interface ParsedRequirements {
  requirements: Requirement[];
  malformed: Array<{ line: number; text: string }>;
}

function packageKey(language: CodeEnvLanguage, name: string): string {
  return language === 'python' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** A `#` at the start of a line or after a space begins a comment (pip and R both read it so). */
function stripComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '').trim();
}

export function parseRequirements(language: CodeEnvLanguage, text: string): ParsedRequirements {
  const pattern = language === 'python' ? PYTHON_REQUIREMENT : R_REQUIREMENT;
  const requirements: Requirement[] = [];
  const malformed: Array<{ line: number; text: string }> = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = stripComment(raw);
    if (!line) return;
    const m = line.length <= REQUIREMENT_MAX_LENGTH ? pattern.exec(line) : null;
    if (m) requirements.push({ line: i + 1, name: m[1]!, key: packageKey(language, m[1]!), text: line });
    else malformed.push({ line: i + 1, text: raw.trim() });
  });
  return { requirements, malformed };
}

/** The lines that name a package, for showing a count; blank lines and comments left out. */
export function requirementNames(language: CodeEnvLanguage, text: string): string[] {
  return parseRequirements(language, text).requirements.map((r) => r.name);
}

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

// --- Words for people ---------------------------------------------------------------------------------

const REQUIREMENT_FORMAT: Record<CodeEnvLanguage, string> = {
  python: 'Write a package name, then optional [extras] and version constraints, such as pandas>=2.0,<3 or requests[socks] (>=2.31).',
  r: 'Write a package name, optionally with a version in parentheses, such as ggplot2 or dplyr (>= 1.1.0).',
};

function listing(items: readonly string[], last: 'or' | 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function shorten(text: string, max = 60): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function codeEnvProblemMessage(p: CodeEnvProblem): string {
  switch (p.code) {
    case 'name_empty':
      return 'Enter a name.';
    case 'name_too_long':
      return `Use at most ${NAME_MAX} characters.`;
    case 'name_characters':
      return 'Use only letters, digits, _ and - (no spaces).';
    case 'name_taken':
      return `A code env named ${p.existing} already exists. Names are unique whatever their case; choose another.`;
    case 'language_unknown':
      return 'Choose Python or R.';
    case 'version_unknown':
      return `Choose a version of ${LANGUAGE_LABELS[p.language]}: ${listing(LANGUAGE_VERSIONS[p.language], 'or')}.`;
    case 'requirements_too_long':
      return `List at most ${REQUIREMENTS_MAX_LINES} lines (this list has ${p.lines}).`;
    case 'requirement_malformed': {
      const n = p.otherLines.length;
      const others = n ? ` Line${n === 1 ? '' : 's'} ${listing(p.otherLines.map(String), 'and')} ${n === 1 ? 'is' : 'are'} not valid either.` : '';
      return `Line ${p.line} is not a valid ${LANGUAGE_LABELS[p.language]} requirement: "${shorten(p.text)}". ${REQUIREMENT_FORMAT[p.language]}${others}`;
    }
    case 'requirement_duplicate':
      return `Line ${p.line}: ${p.name} is already listed on line ${p.firstLine}. List each package once.`;
    case 'description_too_long':
      return `Use at most ${DESCRIPTION_MAX} characters (this has ${p.length}).`;
  }
}

/** Field → message, for showing each next to its field. */
export function codeEnvProblemMessages(problems: CodeEnvProblems): Partial<Record<CodeEnvField, string>> {
  const out: Partial<Record<CodeEnvField, string>> = {};
  for (const field of CODE_ENV_FIELDS) {
    const problem = problems[field];
    if (problem) out[field] = codeEnvProblemMessage(problem);
  }
  return out;
}
