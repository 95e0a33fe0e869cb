// Signature tokens a webhook has accepted within its signature window (migration 018; docs/webhooks.md,
// "Authentication and replays"). Kept with the post's events: in the webhook journal's line, then in the
// transaction that loads them, so a token is on disk exactly when its post is; read once when the server first
// checks a token, so a restart remembers every token still inside the window. A post loaded again (the journal
// after a crash) adds none twice. Rows past their expiry are pruned as new ones are written. Values are parameters.
import type { Db, Sql } from './db.ts';

export interface TokenClaim { esp: string; hash: string; expiresAt: string }

/** The unexpired tokens of `esp`, with their expiry in ms since the epoch. */
export function loadTokens(db: Db, esp: string, now: string): Promise<{ token_hash: string; expires_ms: number }[]> {
  return db.all(
    `SELECT token_hash, epoch_ms(expires_at) AS expires_ms FROM webhook_tokens WHERE esp = $1 AND expires_at > $2::TIMESTAMP`,
    [esp, now],
  );
}

/** Stores accepted tokens and drops those whose window has passed. */
export async function saveTokens(tx: Sql, claims: readonly TokenClaim[], now: string): Promise<void> {
  if (claims.length === 0) return;
  await tx.run('DELETE FROM webhook_tokens WHERE expires_at <= $1::TIMESTAMP', [now]);
  await tx.run(
    `INSERT INTO webhook_tokens (esp, token_hash, expires_at)
     SELECT DISTINCT c.esp, c.hash, c.expiresAt::TIMESTAMP FROM (SELECT unnest(CAST($1 AS JSON)::STRUCT(esp VARCHAR, hash VARCHAR, expiresAt VARCHAR)[], recursive := true)) c
      WHERE NOT EXISTS (SELECT 1 FROM webhook_tokens t WHERE t.esp = c.esp AND t.token_hash = c.hash)`,
    [JSON.stringify(claims)],
  );
}
