// Mailgun signs only its timestamp and a random token, not the event data, so a captured signature could carry
// invented events while it is fresh. Mailgun's "Securing Webhooks" says to cache tokens and refuse one seen before:
// a token is kept for as long as its timestamp is accepted (WEBHOOK_MAX_AGE_MINUTES), after which the timestamp
// check refuses the post anyway. Kept in memory: one server holds a store, and a restart costs at most one window.

export class TokenCache {
  private readonly seen = new Map<string, number>();

  /** Claims a token until `untilMs`; false when it was claimed already (a replayed post). */
  claim(token: string, nowMs: number, untilMs: number): boolean {
    this.sweep(nowMs);
    const until = this.seen.get(token);
    if (until !== undefined && until > nowMs) return false;
    this.seen.set(token, untilMs);
    return true;
  }

  /** Gives a token back: its post was not stored, and Mailgun's retry of it must be accepted. */
  release(token: string): void {
    this.seen.delete(token);
  }

  private sweep(nowMs: number): void {
    // Expired tokens go in insertion order, which is nearly the order of expiry; a bounded pass keeps claims cheap.
    let n = 0;
    for (const [t, until] of this.seen) {
      if (until > nowMs || ++n > 1000) break;
      this.seen.delete(t);
    }
  }
}
