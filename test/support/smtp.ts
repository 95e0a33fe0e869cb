// A real SMTP server on loopback (smtp-server) that keeps what it receives — by default it accepts everything —
// and whose answers a test can steer: accept, refuse with a code, hold the answer to DATA (slow) or never answer
// at all (hang), with callbacks at each step so a test can SIGKILL the sender at an exact point of the delivery.
// Only messages the server acknowledged (250) count as delivered; stop() and start(port) again play an outage.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface Message { messageId: string; to: string[]; subject: string; raw: string }

/** What to do with a message whose DATA has been received: accept it, refuse it, or never answer. */
export type Answer = 'accept' | 'hang' | { code: number; message: string };

export interface SmtpHooks {
  /** A client connected (before the greeting); return 'hang' to never greet it. */
  onConnect?: (n: number) => 'greet' | 'hang';
  /** DATA received in full, before the answer; may hold the answer by returning a promise. */
  onData?: (m: Message, n: number) => Answer | Promise<Answer>;
  /** The server has just acknowledged message `m` (250 written to the socket). */
  onAccepted?: (m: Message, n: number) => void;
}

function header(raw: string, name: string): string {
  const head = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
}

export class TestSmtp {
  /** Acknowledged messages, in order. */
  readonly accepted: Message[] = [];
  /** Every DATA received, acknowledged or not. */
  readonly received: Message[] = [];
  connections = 0;
  hooks: SmtpHooks = {};
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A stop must not wait for clients we chose never to answer.
      closeTimeout: 200,
      onConnect: (_session: SMTPServerSession, callback: (err?: Error) => void) => {
        const n = ++this.connections;
        if (this.hooks.onConnect?.(n) === 'hang') return; // never greet
        callback();
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const m: Message = { raw, to: session.envelope.rcptTo.map((r) => r.address), subject: decodeSubject(header(raw, 'Subject')), messageId: header(raw, 'Message-ID') };
          this.received.push(m);
          const n = this.received.length;
          void Promise.resolve(this.hooks.onData ? this.hooks.onData(m, n) : 'accept').then((answer) => {
            if (answer === 'hang') return;
            if (answer === 'accept') {
              callback();
              this.accepted.push(m);
              this.hooks.onAccepted?.(m, this.accepted.length);
              return;
            }
            const err = Object.assign(new Error(answer.message), { responseCode: answer.code });
            callback(err);
          });
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = server.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) that nodemailer uses for non-ASCII subjects. */
function decodeSubject(s: string): string {
  return s.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}
