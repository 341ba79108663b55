// Parsing what an admin types into "Invite a User": addresses separated by commas, semicolons, spaces or
// new lines; `Name <email>` and `"Last, First" <email>` accepted. Pure.
import { isValidEmail, normalizeEmail } from './email.js';

export const MAX_INVITES_PER_SUBMISSION = 1000;
/** The same limit as a display name: the accept page offers this name as the new member's. */
export const MAX_INVITE_NAME = 100;

export interface InviteEntry {
  email: string;
  key: string;
  name: string | null;
}

export interface ParsedInviteList {
  entries: InviteEntry[];
  /** What could not be read as an address, as typed. */
  malformed: string[];
  /** Addresses given more than once (by key); they collapse into one entry. */
  duplicates: string[];
}

/** Splits on , ; and new lines outside quotes and angle brackets. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of text) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (!quoted && !angle && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((c) => c.trim()).filter(Boolean);
}

/** One chunk: bare addresses separated by spaces, or `Name <address>` (a name may have spaces). */
function readChunk(chunk: string, add: (email: string, name: string | null, raw: string) => void, bad: (raw: string) => void) {
  let rest = chunk;
  while (rest.trim()) {
    const m = /^([^<>]*?)<([^<>]*)>(.*)$/s.exec(rest);
    if (!m) {
      if (/[<>]/.test(rest)) bad(rest.trim());
      else for (const word of rest.trim().split(/\s+/)) add(word, null, word);
      return;
    }
    const [, before, inside, after] = m as unknown as [string, string, string, string];
    const words = before.trim() ? before.trim().match(/"[^"]*"|\S+/g) ?? [] : [];
    // Words before the bracket that look like addresses are addresses of their own; the rest is the name.
    const nameWords: string[] = [];
    for (const w of words) {
      if (!w.startsWith('"') && w.includes('@')) add(w, null, w);
      else nameWords.push(w.replace(/^"|"$/g, ''));
    }
    const name = nameWords.join(' ').trim() || null;
    add(inside.trim(), name, `${before}<${inside}>`.trim());
    rest = after;
  }
}

export function parseInviteList(text: string): ParsedInviteList {
  const entries: InviteEntry[] = [];
  const malformed: string[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  const add = (email: string, name: string | null, raw: string) => {
    const trimmed = email.trim();
    if (!isValidEmail(trimmed)) {
      malformed.push(raw.trim() || '(empty)');
      return;
    }
    const key = normalizeEmail(trimmed);
    if (seen.has(key)) {
      if (!duplicates.includes(key)) duplicates.push(key);
      return;
    }
    seen.add(key);
    entries.push({ email: trimmed, key, name });
  };
  for (const chunk of chunks(text)) readChunk(chunk, add, (raw) => malformed.push(raw));
  return { entries, malformed, duplicates };
}

/**
 * A list given item by item (the API's `addresses`): each item read as the form reads its text, so an
 * item cannot run into the next; an address in two items counts once, as in the form.
 */
export function parseInviteItems(items: readonly string[]): ParsedInviteList {
  const out: ParsedInviteList = { entries: [], malformed: [], duplicates: [] };
  const seen = new Set<string>();
  const duplicate = (key: string) => {
    if (!out.duplicates.includes(key)) out.duplicates.push(key);
  };
  for (const item of items) {
    const one = parseInviteList(item);
    if (one.entries.length === 0 && one.malformed.length === 0) out.malformed.push(item.trim() || '(empty)');
    out.malformed.push(...one.malformed);
    one.duplicates.forEach(duplicate);
    for (const e of one.entries) {
      if (seen.has(e.key)) duplicate(e.key);
      else {
        seen.add(e.key);
        out.entries.push(e);
      }
    }
  }
  return out;
}
