// Reading what a rendered form shows, for tests: an input's value and the error message tied to it.

export function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : null;
}

export interface RenderedField {
  /** The input's value attribute, unescaped ('' when absent). */
  value: string;
  /** The error message the input points at through aria-describedby, or null. */
  error: string | null;
  invalid: boolean;
}

/** The input named `name` in a page, with the error message it is described by (the message "next to" it). */
export function field(html: string, name: string): RenderedField {
  const inputs = [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((tag) => attr(tag, 'name') === name && attr(tag, 'type') !== 'hidden');
  if (inputs.length !== 1) throw new Error(`expected one visible input named ${name}, found ${inputs.length}`);
  const input = inputs[0]!;
  const describedBy = (attr(input, 'aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  let error: string | null = null;
  for (const id of describedBy) {
    const m = new RegExp(`<p[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
    if (m && /\bclass="error"/.test(m[0])) error = unescapeHtml(m[1]!.trim());
  }
  return { value: attr(input, 'value') ?? '', error, invalid: attr(input, 'aria-invalid') === 'true' };
}
