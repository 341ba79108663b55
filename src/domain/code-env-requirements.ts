// The grammar of a code env's package list: Python (PEP 508 without URLs and markers) and R lines. Pure.
import type { CodeEnvLanguage } from './code-env.js';

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
