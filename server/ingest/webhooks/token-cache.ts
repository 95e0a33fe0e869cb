// Mailgun signs only its timestamp and a random token, not the event data, so a captured signature could carry
// invented events while it is fresh. Mailgun's "Securing Webhooks" says to cache tokens and refuse one seen before:
// a token is kept for as long as its timestamp is accepted (WEBHOOK_MAX_AGE_MINUTES), after which the timestamp
// check refuses the post anyway. The cache is durable: a claimed token is written to the store with its post's
// events (webhook-tokens.ts), and the first claim after a start reads back the tokens still inside the window, so
// a signature captured before a restart cannot be replayed after it. Only a hash of the token is kept.
// Claims are decided in memory (one server holds a store): two posts of one token racing are told apart here.
import { createHash } from 'node:crypto';
import type { Db } from '../../store/db.ts';
import { loadTokens, type TokenClaim } from '../../store/webhook-tokens.ts';

export type { TokenClaim };

export class TokenCache {
  private readonly seen = new Map<string, number>();
  private readonly loaded = new Map<string, Promise<void>>();

  constructor(private readonly db: Db) {}

  /**
   * Claims a token of `esp` until `untilMs`: the claim to store with the post, or null when the token was claimed
   * already (a replayed post), before or since the last start.
   */
  async claim(esp: string, token: string, nowMs: number, untilMs: number): Promise<TokenClaim | null> {
    await this.load(esp, nowMs);
    this.sweep(nowMs);
    const key = `${esp}:${createHash('sha256').update(token).digest('hex')}`;
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return null;
    this.seen.set(key, untilMs);
    return { esp, hash: key.slice(esp.length + 1), expiresAt: new Date(untilMs).toISOString() };
  }

  /** Gives a token back: its post was not stored (nor its claim), and the ESP's retry of it must be accepted. */
  release(claim: TokenClaim): void {
    this.seen.delete(`${claim.esp}:${claim.hash}`);
  }

  /** The store's unexpired tokens of `esp`, read once per start (a failed read is tried again by the next post). */
  private load(esp: string, nowMs: number): Promise<void> {
    let p = this.loaded.get(esp);
    if (!p) {
      p = loadTokens(this.db, esp, new Date(nowMs).toISOString()).then((rows) => {
        for (const r of rows) this.seen.set(`${esp}:${r.token_hash}`, Number(r.expires_ms));
      });
      p.catch(() => this.loaded.delete(esp));
      this.loaded.set(esp, p);
    }
    return p;
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
