// SMTP through nodemailer, configured from SMTP_URL. Short timeouts: a hanging SMTP server must delay the
// outbox, not block it.
import nodemailer, { type Transporter } from 'nodemailer';

const CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

export interface Envelope {
  messageId: string;
  from: string;
  replyTo: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}
export type Send = (mail: Envelope) => Promise<void>;

/** SMTP reply codes 5xx (RFC 5321 §4.2.1) are permanent: retrying the same message cannot succeed. */
export function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function smtpSender(smtpUrl: string): Send {
  const url = new URL(smtpUrl);
  const transport: Transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return async (m) => {
    await transport.sendMail({
      messageId: m.messageId,
      from: m.from,
      replyTo: m.replyTo,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      attachments: m.attachments,
    });
  };
}
