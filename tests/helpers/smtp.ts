/**
 * A real SMTP server inside the test process (smtp-server + mailparser) that keeps every email the app
 * sends, parsed, so a test reads it as the recipient would: addressee, language, links.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  /** The app's SMTP_URL. */
  url: string;
  /** Every email received since the start or the last clear(), oldest first. */
  readonly mails: ParsedMail[];
  /** The emails addressed to `email`. */
  to(email: string): ParsedMail[];
  clear(): void;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1, without TLS or authentication (the app's test config sends neither). */
export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (email) => mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(email)),
    clear: () => {
      mails.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
