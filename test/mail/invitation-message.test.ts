// The invitation email's words: the article agrees with the profile.
import { describe, expect, it } from 'vitest';
import { invitationEmail } from '../../src/mail/messages/invitation.js';

const base = { spaceName: 'Acme', inviterName: 'Olivia Owner', link: 'http://localhost/invite/x', expiresOn: '8 December 2026' };

describe('the invitation email', () => {
  it.each([
    { profile: 'explorer', says: 'as an explorer' },
    { profile: 'designer', says: 'as a designer' },
  ])('says "$says" in its text and its HTML', ({ profile, says }) => {
    const mail = invitationEmail({ ...base, profile });
    expect(mail.text).toContain(`Olivia Owner invited you to join the Acme space ${says}.`);
    expect(mail.html.replace(/<\/?strong>/g, '')).toContain(says);
  });
});
