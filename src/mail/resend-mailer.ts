// Email through Resend, with the official SDK. The SDK never throws for HTTP or network errors:
// it resolves with { error }, which we sort into worth-retrying or not.
import { Resend } from 'resend';
import { MailError, type Email, type Mailer, type SendOptions } from './mailer.js';

export function createResendMailer(apiKey: string, baseUrl?: string | null): Mailer {
  const client = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : undefined);
  return {
    name: 'Resend',
    async send(email: Email, options: SendOptions) {
      const { data, error } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: options.idempotencyKey, signal: options.signal },
      );
      if (data) return { id: data.id };
      if (options.signal.aborted) throw new MailError('no answer from Resend in time', true);
      const status = error?.statusCode ?? null;
      const reason = `${error?.name ?? 'error'}${status ? ` (${status})` : ''}: ${error?.message ?? 'unknown error'}`;
      // No status: the request did not get through. 429 and 5xx: Resend asks us to come back later.
      const retryable = status === null || status === 429 || status >= 500;
      throw new MailError(reason, retryable);
    },
  };
}
