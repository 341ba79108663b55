// A mailer that records what it was asked to send: for tests, and for seeing what users would receive.
import type { Email, Mailer, SendOptions } from './mailer.js';

export interface MemoryMailer extends Mailer {
  readonly sent: Array<Email & { idempotencyKey: string }>;
}

export function createMemoryMailer(): MemoryMailer {
  const sent: MemoryMailer['sent'] = [];
  return {
    name: 'memory',
    sent,
    async send(email: Email, options: SendOptions) {
      sent.push({ ...email, idempotencyKey: options.idempotencyKey });
      return { id: `memory-${sent.length}` };
    },
  };
}
