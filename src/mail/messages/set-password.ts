// The email a user created by SCIM gets when password sign-in is on: choose a password (the reset link).
import { html } from 'hono/html';
import { button, emailFrame, type Rendered } from './layout.js';

export function setPasswordEmail(p: { spaceName: string; displayName: string; link: string; validFor: string }): Rendered {
  const subject = `Your account on ${p.spaceName}`;
  const body = html`<h1 style="font-size:20px;margin:0 0 16px">Choose your password</h1>
<p>Hello ${p.displayName},</p>
<p>Your organisation gave you an account on the ${p.spaceName} Launchpad. Choose a password to sign in with it:</p>
${button(p.link, 'Choose a password')}
<p>The link works once, for ${p.validFor}. Later, "Forgot your password?" on the sign-in page sends a new one.</p>`;
  const text = [
    `Hello ${p.displayName},`,
    '',
    `Your organisation gave you an account on the ${p.spaceName} Launchpad.`,
    `Choose a password here (the link works once, for ${p.validFor}):`,
    '',
    p.link,
  ].join('\n');
  return { subject, html: emailFrame(subject, body), text };
}
