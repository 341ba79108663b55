// Which code was measured: the commit and the files that differ from it (read-only git calls), since other
// work may be going on in the same checkout. Taken at the start and the end of a run.
import { execFileSync } from 'node:child_process';

export interface SourceState {
  commit: string | null;
  /** `git status --porcelain` lines for the app's own files (bench/ excluded). */
  changes: string[];
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', ['-C', root, '--no-optional-locks', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

export function sourceState(root: string): SourceState {
  const commit = git(root, ['rev-parse', '--short', 'HEAD'])?.trim() || null;
  const status = git(root, ['status', '--porcelain', '--', 'src', 'views', 'migrations', 'public', 'package.json', 'package-lock.json']) ?? '';
  return { commit, changes: status.split('\n').filter(Boolean) };
}

export function describeSource(start: SourceState, end: SourceState, note?: string): string {
  const where = start.commit ? `commit ${start.commit}` : 'not a git checkout';
  const changes = !start.commit
    ? ''
    : start.changes.length
      ? `, with uncommitted changes: ${start.changes.map((c) => `\`${c.trim()}\``).join(', ')}`
      : ', no uncommitted changes to the app';
  const moved =
    start.commit !== end.commit || start.changes.join('\n') !== end.changes.join('\n')
      ? ' **The app\'s files changed during the run** (other work in the same checkout): the figures may mix two versions.'
      : '';
  return `${where}${changes}${note ? ` (${note})` : ''}.${moved}`;
}
