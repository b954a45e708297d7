/**
 * Outgoing email. With `SMTP_URL`, nodemailer sends over SMTP. Without it the embedded setup still
 * works end to end: each email goes to the server log and to an in-memory outbox (newest first, the
 * last 100) that development serves at /dev/outbox. Only background jobs call `send`, so a slow
 * mail server never slows a request.
 */
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface OutboxEntry extends OutgoingMail {
  at: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** The local outbox when there is no SMTP server (null with SMTP). */
  readonly outbox: OutboxEntry[] | null;
  close(): void;
}

const OUTBOX_SIZE = 100;

export function createMailer(config: Pick<Config, 'mail' | 'env'>, log: FastifyBaseLogger): Mailer {
  const { smtpUrl, from } = config.mail;
  if (smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(smtpUrl);
    return {
      outbox: null,
      async send(mail) {
        await transport.sendMail({ from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const outbox: OutboxEntry[] = [];
  return {
    outbox,
    async send(mail) {
      outbox.unshift({ ...mail, at: new Date().toISOString() });
      outbox.length = Math.min(outbox.length, OUTBOX_SIZE);
      // Emails carry single-use links; in production without SMTP only the fact is logged.
      if (config.env === 'production') log.warn({ to: mail.to, subject: mail.subject }, 'no SMTP_URL: email not sent');
      else log.info({ email: { to: mail.to, subject: mail.subject, text: mail.text } }, 'email (no SMTP_URL: see /dev/outbox)');
    },
    close: () => undefined,
  };
}
