import { html } from 'hono/html';
import { withArticle } from '../../domain/words.js';
import { button, emailFrame, type Rendered } from './layout.js';

export function invitationEmail(p: {
  spaceName: string;
  inviterName: string;
  profile: string;
  link: string;
  expiresOn: string;
}): Rendered {
  const subject = `${p.inviterName} invited you to ${p.spaceName}`;
  const asProfile = withArticle(p.profile);
  const body = html`<h1 style="font-size:20px;margin:0 0 16px">You are invited to ${p.spaceName}</h1>
<p>${p.inviterName} invited you to join the <strong>${p.spaceName}</strong> space as ${asProfile.slice(0, -p.profile.length)}<strong>${p.profile}</strong>.</p>
${button(p.link, 'Accept the invitation')}
<p>The invitation works until ${p.expiresOn}. If you were not expecting it, you can ignore this email.</p>`;
  const text = [
    `${p.inviterName} invited you to join the ${p.spaceName} space as ${asProfile}.`,
    '',
    'Accept the invitation here:',
    p.link,
    '',
    `The invitation works until ${p.expiresOn}. If you were not expecting it, you can ignore this email.`,
  ].join('\n');
  return { subject, html: emailFrame(subject, body), text };
}
