import { html } from 'hono/html';
import { button, emailFrame, type Rendered } from './layout.js';

export function passwordResetEmail(p: { spaceName: string; displayName: string; link: string; validFor: string }): Rendered {
  const subject = `Reset your password for ${p.spaceName}`;
  const body = html`<h1 style="font-size:20px;margin:0 0 16px">Reset your password</h1>
<p>Hello ${p.displayName},</p>
<p>Someone asked to reset the password of your account on the ${p.spaceName} Launchpad. If it was you, choose a new password:</p>
${button(p.link, 'Choose a new password')}
<p>The link works once, for ${p.validFor}. If you did not ask for it, ignore this email: your password stays as it is.</p>`;
  const text = [
    `Hello ${p.displayName},`,
    '',
    `Someone asked to reset the password of your account on the ${p.spaceName} Launchpad.`,
    `If it was you, choose a new password here (the link works once, for ${p.validFor}):`,
    '',
    p.link,
    '',
    'If you did not ask for it, ignore this email: your password stays as it is.',
  ].join('\n');
  return { subject, html: emailFrame(subject, body), text };
}
