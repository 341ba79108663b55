// A code env form's problems in words for people, one message per field. The codes come from the domain.
import {
  DESCRIPTION_MAX,
  LANGUAGE_LABELS,
  LANGUAGE_VERSIONS,
  NAME_MAX,
  REQUIREMENTS_MAX_LINES,
  CODE_ENV_FIELDS,
  type CodeEnvField,
  type CodeEnvLanguage,
  type CodeEnvProblem,
  type CodeEnvProblems,
} from '../domain/code-env.js';
import { byCount } from '../domain/words.js';

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

function codeEnvProblemMessage(p: CodeEnvProblem): string {
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
      const others = n ? ` ${byCount(n, 'Line')} ${listing(p.otherLines.map(String), 'and')} ${byCount(n, 'is', 'are')} not valid either.` : '';
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
