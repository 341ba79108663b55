// What the outbox worker needs of an email provider.

export interface Email {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface SendOptions {
  /** The same key for every attempt of one message: the provider delivers it once. */
  idempotencyKey: string;
  signal: AbortSignal;
}

export interface Mailer {
  readonly name: string;
  /** Resolves with the provider's message id; rejects with a MailError. */
  send(email: Email, options: SendOptions): Promise<{ id: string }>;
}

export class MailError extends Error {
  constructor(
    message: string,
    /** Worth trying again later (rate limit, server error, network, time-out). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
