// While `rebound serve` holds a store, it leaves its address and a local admin credential beside the store
// (readable by its user only), so other commands on that store can go through its API (docs/cli.md).
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const serverFile = z.object({ url: z.string(), token: z.string(), pid: z.number().int() });
export type ServerFile = z.infer<typeof serverFile>;

export const serverFilePath = (dbPath: string) => `${dbPath}.server.json`;

export function newLocalToken(): string {
  return randomBytes(32).toString('base64url');
}

export function writeServerFile(dbPath: string, info: ServerFile): void {
  const path = serverFilePath(dbPath);
  // `mode` applies only when the file is created: a file left behind with wider permissions would keep them, so
  // it is narrowed before the credential goes in (the security tests, docs/security.md).
  try {
    chmodSync(path, 0o600);
  } catch {
    // No such file yet: writeFileSync creates it with the mode below.
  }
  writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
}

export function readServerFile(dbPath: string): ServerFile | null {
  try {
    return serverFile.parse(JSON.parse(readFileSync(serverFilePath(dbPath), 'utf8')));
  } catch {
    return null;
  }
}

export function removeServerFile(dbPath: string): void {
  rmSync(serverFilePath(dbPath), { force: true });
}
