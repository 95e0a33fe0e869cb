// "The disk is full" from anywhere under the store: DuckDB says "IO Error: Could not write file …: No space left on
// device", Node says ENOSPC. The API answers it as 507 Insufficient Storage (RFC 4918) with a sentence an operator
// can act on, instead of a bare 500: nothing was stored (the transaction was rolled back) and retrying will not
// help until space is freed.

export const DISK_FULL_MESSAGE = 'the disk holding the store is full; nothing was stored. Free space on it and try again';

const FULL = /No space left on device|ENOSPC|disk is full/i;

/** True when the error, or any error it wraps (`cause`), says the disk is full. */
export function isDiskFull(err: unknown): boolean {
  // Bounded: a cause chain is short, and a cyclic one must not loop.
  for (let e: unknown = err, i = 0; e !== null && e !== undefined && i < 8; i++) {
    if (typeof e === 'object' && 'code' in e && e.code === 'ENOSPC') return true;
    if (e instanceof Error ? FULL.test(e.message) : typeof e === 'string' && FULL.test(e)) return true;
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return false;
}
