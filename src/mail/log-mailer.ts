// Without a Resend key, email goes to the log: the operator can still copy the links.
import type { Email, Mailer } from './mailer.js';

export function createLogMailer(log: (line: string) => void = (l) => console.log(l)): Mailer {
  let n = 0;
  return {
    name: 'log',
    async send(email: Email) {
      n += 1;
      log(`[mail] to ${email.to}: ${email.subject}\n${email.text.replace(/^/gm, '    ')}`);
      return { id: `log-${Date.now()}-${n}` };
    },
  };
}
