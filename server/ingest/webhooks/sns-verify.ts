// Amazon SNS message signatures ("Verifying the signatures of Amazon SNS messages", SNS Developer Guide): the
// string to sign is the listed fields as "Name\nvalue\n" in a fixed order; SignatureVersion 1 is RSA-SHA1,
// 2 is RSA-SHA256; the key is in the X.509 certificate at SigningCertURL, which must be an https URL on an
// sns.<region>.amazonaws.com host (else anyone could sign with their own certificate).
import { verify } from 'node:crypto';
import { isObject, str } from './common.ts';

export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_FIELDS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;

// Commercial, China and GovCloud partitions' SNS endpoints.
export const SNS_CERT_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export function snsMessage(body: unknown): SnsMessage | null {
  if (!isObject(body)) return null;
  const required = ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL'];
  if (!required.every((k) => typeof body[k] === 'string')) return null;
  return body as unknown as SnsMessage;
}

export function stringToSign(m: SnsMessage): string {
  const fields = m.Type === 'Notification' ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
  const record = m as unknown as Record<string, unknown>;
  let out = '';
  for (const f of fields) {
    const v = str(record[f]);
    // Subject is signed only when the notification has one.
    if (v !== undefined) out += `${f}\n${v}\n`;
  }
  return out;
}

export function isSnsCertUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && SNS_CERT_HOST.test(u.hostname) && u.pathname.endsWith('.pem');
  } catch {
    return false;
  }
}

/** Verifies the message with the certificate (or public key) PEM fetched from its SigningCertURL. */
export async function verifySns(m: SnsMessage, fetchCert: (url: string) => Promise<string>, opts: { anyCertUrl?: boolean } = {}): Promise<string | null> {
  // anyCertUrl: SNS_TEST_SIGNING_CERT is trusted whatever the URL says (tests only; refused in production).
  if (!opts.anyCertUrl && !isSnsCertUrl(m.SigningCertURL)) return 'SigningCertURL must be an https URL on an sns.<region>.amazonaws.com host';
  const algorithm = m.SignatureVersion === '1' ? 'sha1' : m.SignatureVersion === '2' ? 'sha256' : null;
  if (!algorithm) return `unknown SignatureVersion ${m.SignatureVersion}`;
  let pem: string;
  try {
    pem = await fetchCert(m.SigningCertURL);
  } catch {
    return 'the signing certificate could not be fetched';
  }
  try {
    return verify(algorithm, Buffer.from(stringToSign(m), 'utf8'), pem, Buffer.from(m.Signature, 'base64')) ? null : 'the signature does not match';
  } catch {
    return 'the signature could not be checked with the signing certificate';
  }
}

// Certificates are fetched once per URL; SNS rotates them rarely, and the URL changes when it does.
const certCache = new Map<string, Promise<string>>();
const MAX_CERT_BYTES = 16 * 1024;

/** The production fetcher: https only (checked above), small, cached. */
export function fetchSnsCert(url: string): Promise<string> {
  let p = certCache.get(url);
  if (!p) {
    p = (async () => {
      const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      if (!res.ok || text.length > MAX_CERT_BYTES || !text.includes('BEGIN CERTIFICATE')) throw new Error('not a certificate');
      return text;
    })();
    p.catch(() => certCache.delete(url));
    certCache.set(url, p);
  }
  return p;
}
