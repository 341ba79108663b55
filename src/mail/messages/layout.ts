// The frame every email shares. `html` from hono/html escapes every interpolated value.
import { html, raw } from 'hono/html';

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

export function emailFrame(title: string, body: ReturnType<typeof html>): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;padding:32px">
${body}
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280">Sent by Launchpad.</p>
</body></html>`.toString();
}

export function button(href: string, label: string) {
  return html`<p style="margin:24px 0"><a href="${href}" style="background:#2563eb;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;display:inline-block;font-weight:600">${label}</a></p>
<p style="font-size:13px;color:#6b7280">Or paste this link into your browser:<br>${raw('<span style="word-break:break-all">')}${href}${raw('</span>')}</p>`;
}
