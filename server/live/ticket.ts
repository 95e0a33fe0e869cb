// Tickets for the live event stream. A browser's EventSource cannot send an Authorization header, so the dashboard
// asks for a ticket with its bearer token (POST /api/events/ticket) and opens the stream with ?ticket=. A ticket is
// the caller's role and an expiry, signed with HMAC-SHA256 under a key that lives only in this process: it opens
// the stream alone (no other route reads it), for a minute, and dies with a restart. Query strings end up in
// access logs; a one-minute ticket that opens only a read-only stream is worth little there.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../config.ts';

// Long enough to open the stream after asking; short enough that a ticket seen in a log is already dead.
export const TICKET_TTL_MS = 60_000;
const KEY = randomBytes(32);

const mac = (payload: string) => createHmac('sha256', KEY).update(payload).digest('base64url');

export function issueTicket(role: Role, now: Date): { ticket: string; expires_at: string } {
  const expires = now.getTime() + TICKET_TTL_MS;
  const payload = Buffer.from(JSON.stringify({ r: role, e: expires })).toString('base64url');
  return { ticket: `${payload}.${mac(payload)}`, expires_at: new Date(expires).toISOString() };
}

/** The role a ticket carries, or null when it is malformed, forged or expired. */
export function verifyTicket(ticket: string | undefined, now: Date): Role | null {
  if (!ticket || ticket.length > 512) return null;
  const [payload, sig, extra] = ticket.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { r?: unknown; e?: unknown };
    if (typeof body.e !== 'number' || body.e < now.getTime()) return null;
    return (ROLES as readonly unknown[]).includes(body.r) ? (body.r as Role) : null;
  } catch {
    return null;
  }
}
