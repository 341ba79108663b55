import { describe, expect, it } from 'vitest';
import {
  codeEnvNameKey,
  parseRequirements,
  validateCodeEnv,
  type CodeEnvInput,
} from '../../src/domain/code-env.js';
import { codeEnvProblemMessages } from '../../src/services/code-env-problems.js';

const VALID: CodeEnvInput = {
  name: 'pandas_2-env',
  language: 'python',
  languageVersion: '3.12',
  requirements: 'pandas>=2.0,<3\nnumpy',
  description: 'For the churn models.',
};

/** The message shown next to each field, for this input (nothing when it is valid). */
function messages(changes: Partial<CodeEnvInput>) {
  const r = validateCodeEnv({ ...VALID, ...changes });
  return r.ok ? {} : codeEnvProblemMessages(r.problems);
}

describe('validateCodeEnv', () => {
  it('accepts a valid code env and normalizes it', () => {
    const r = validateCodeEnv({
      ...VALID,
      name: '  pandas_2-env  ',
      requirements: '\r\n# data\r\npandas>=2.0,<3   \r\n\r\nnumpy\r\n\r\n',
      description: '  For the churn models.\r\nOwned by the data team.  ',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'pandas_2-env',
        language: 'python',
        languageVersion: '3.12',
        requirements: '# data\npandas>=2.0,<3\n\nnumpy',
        description: 'For the churn models.\nOwned by the data team.',
      },
    });
  });

  it.each([
    { what: 'an empty name', input: { name: '' }, field: 'name', message: 'Enter a name.' },
    { what: 'a name of spaces', input: { name: '   ' }, field: 'name', message: 'Enter a name.' },
    { what: 'a name with a space', input: { name: 'my env' }, field: 'name', message: 'Use only letters, digits, _ and - (no spaces).' },
    { what: 'a name with a dot', input: { name: 'env.1' }, field: 'name', message: 'Use only letters, digits, _ and - (no spaces).' },
    { what: 'a name with an accent', input: { name: 'café' }, field: 'name', message: 'Use only letters, digits, _ and - (no spaces).' },
    { what: 'a 65-character name', input: { name: 'a'.repeat(65) }, field: 'name', message: 'Use at most 64 characters.' },
    { what: 'an unknown language', input: { language: 'julia' }, field: 'language', message: 'Choose Python or R.' },
    { what: 'no language', input: { language: '' }, field: 'language', message: 'Choose Python or R.' },
    {
      what: 'an R version for Python',
      input: { languageVersion: '4.3' },
      field: 'languageVersion',
      message: 'Choose a version of Python: 3.9, 3.10, 3.11, 3.12 or 3.13.',
    },
    { what: 'Python 3.8', input: { languageVersion: '3.8' }, field: 'languageVersion', message: 'Choose a version of Python: 3.9, 3.10, 3.11, 3.12 or 3.13.' },
    { what: 'no version', input: { languageVersion: '' }, field: 'languageVersion', message: 'Choose a version of Python: 3.9, 3.10, 3.11, 3.12 or 3.13.' },
    {
      what: 'a Python version for R',
      input: { language: 'r', languageVersion: '3.12', requirements: '' },
      field: 'languageVersion',
      message: 'Choose a version of R: 4.2, 4.3, 4.4 or 4.5.',
    },
    {
      what: 'a constraint with no version',
      input: { requirements: '# ours\n\nnumpy>=' },
      field: 'requirements',
      message:
        'Line 3 is not a valid Python requirement: "numpy>=". Write a package name, then optional [extras] and version constraints, such as pandas>=2.0,<3 or requests[socks] (>=2.31).',
    },
    {
      what: 'several bad lines',
      input: { requirements: 'numpy\n-r base.txt\npandas 2.0\nscipy=1.2\nrequests' },
      field: 'requirements',
      message:
        'Line 2 is not a valid Python requirement: "-r base.txt". Write a package name, then optional [extras] and version constraints, such as pandas>=2.0,<3 or requests[socks] (>=2.31). Lines 3 and 4 are not valid either.',
    },
    {
      what: 'the same Python package twice, spelled differently',
      input: { requirements: 'scikit-learn\nnumpy\nScikit_Learn==1.5' },
      field: 'requirements',
      message: 'Line 3: Scikit_Learn is already listed on line 1. List each package once.',
    },
    {
      what: 'a Python requirement in an R env',
      input: { language: 'r', languageVersion: '4.4', requirements: 'dplyr\nggplot2>=3.5' },
      field: 'requirements',
      message:
        'Line 2 is not a valid R requirement: "ggplot2>=3.5". Write a package name, optionally with a version in parentheses, such as ggplot2 or dplyr (>= 1.1.0).',
    },
    {
      what: 'too many lines',
      input: { requirements: `${'numpy\n'.repeat(1001)}\n` },
      field: 'requirements',
      message: 'List at most 1000 lines (this list has 1001).',
    },
    { what: 'a 501-character description', input: { description: 'x'.repeat(501) }, field: 'description', message: 'Use at most 500 characters (this has 501).' },
  ] as const)('rejects $what', ({ input, field, message }) => {
    expect(messages(input)).toEqual({ [field]: message });
  });

  it('accepts a description of exactly 500 characters, counting a typed line break once', () => {
    expect(messages({ description: 'x'.repeat(500) })).toEqual({});
    expect(messages({ description: `${'x'.repeat(249)}\r\n${'y'.repeat(250)}` })).toEqual({});
    expect(messages({ description: '😀'.repeat(500) })).toEqual({});
  });

  it('accepts 1000 lines of requirements, not counting blank lines at the end', () => {
    expect(messages({ requirements: `${'# pinned below\n'.repeat(999)}numpy\n\n\n` })).toEqual({});
  });

  it('accepts a name of 64 characters', () => {
    expect(messages({ name: 'A'.repeat(64) })).toEqual({});
  });

  it('reports every wrong field at once', () => {
    expect(Object.keys(messages({ name: '', languageVersion: '9', description: 'x'.repeat(501) }))).toEqual(['name', 'languageVersion', 'description']);
  });

  it('checks neither the version nor the packages of an unknown language', () => {
    expect(messages({ language: 'julia', languageVersion: '1.10', requirements: 'DataFrames@1' })).toEqual({ language: 'Choose Python or R.' });
  });
});

describe('Python requirements', () => {
  it.each([
    'numpy',
    'pandas==2.2.1',
    'pandas >= 2.0, < 3',
    'requests[socks,security]>=2.31,<3',
    'requests [ socks ] (>=2.31)',
    'scikit-learn (>=1.4, <1.6)',
    'Django~=5.0',
    'torch==2.3.*',
    'zope.interface!=5.0rc1',
    'black==24.4.2  # the formatter',
    'tensorflow===2.16.1',
    'pytz>=2024.1.post1',
    'local-pkg==1.0+build.7',
    'attrs==23.1.0a1.post2.dev3',
    'epoch-pkg>=1!2.0',
  ])('accepts %s', (line) => {
    expect(parseRequirements('python', line).malformed).toEqual([]);
  });

  it.each([
    'numpy>=',
    '==1.2',
    'numpy=1.2',
    'pandas 2.0',
    '-r base.txt',
    '--index-url https://example.com/simple',
    'requests[socks',
    'git+https://github.com/psf/requests',
    'numpy>=1.2;python_version<"3.10"',
    'numpy>=one',
    '-numpy',
  ])('rejects %s', (line) => {
    expect(parseRequirements('python', line).malformed).toEqual([{ line: 1, text: line }]);
  });
});

describe('any requirement line', () => {
  it('is at most 200 characters long, comments aside', () => {
    expect(parseRequirements('python', 'a'.repeat(200)).malformed).toEqual([]);
    expect(parseRequirements('python', `${'a'.repeat(200)}  # ${'b'.repeat(300)}`).malformed).toEqual([]);
    expect(parseRequirements('r', 'a'.repeat(201)).malformed).toEqual([{ line: 1, text: 'a'.repeat(201) }]);
  });

  it('is shown shortened in the message when it is long', () => {
    const r = validateCodeEnv({ ...VALID, requirements: `numpy==1${'rc'.repeat(100)}!` });
    expect(r.ok ? null : codeEnvProblemMessages(r.problems).requirements).toMatch(/^Line 1 is not a valid Python requirement: "numpy==1rcrc[rc]*r…"\./);
  });
});

describe('R requirements', () => {
  it.each(['ggplot2', 'dplyr (>= 1.1.0)', 'data.table(>=1.15)', 'Rcpp (== 1.0-12)', 'xml2  # parsing'])('accepts %s', (line) => {
    expect(parseRequirements('r', line).malformed).toEqual([]);
  });

  it.each(['ggplot2 >= 3.5', 'dplyr (>= )', 'dplyr (1.1.0)', '2dplyr', 'my_pkg', 'x', 'dplyr (>= 1.1.0', 'ggplot2, dplyr'])('rejects %s', (line) => {
    expect(parseRequirements('r', line).malformed).toEqual([{ line: 1, text: line }]);
  });
});

describe('parseRequirements', () => {
  it('skips blank lines and comments but counts them in line numbers', () => {
    const parsed = parseRequirements('python', '# first\n\n  numpy  \n   # indented comment\npandas # inline\n');
    expect(parsed.requirements.map((r) => [r.line, r.name, r.text])).toEqual([
      [3, 'numpy', 'numpy'],
      [5, 'pandas', 'pandas'],
    ]);
  });
});

describe('codeEnvNameKey', () => {
  it('compares names whatever their case and surrounding spaces', () => {
    expect(codeEnvNameKey(' Pandas_Env ')).toBe(codeEnvNameKey('pandas_env'));
  });
});
