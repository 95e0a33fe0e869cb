// Current-state lists from the mailbox providers (migration 009): Gmail Postmaster Tools compliance per domain and
// requirement, and the SNDS IP status list. A pull replaces the state it read; a status that did not change keeps
// the time Rebound first saw it. All values are parameters.
import type { Sql } from './db.ts';

export interface ComplianceRow {
  scope: 'domain' | 'subdomain';
  scope_domain: string | null;
  requirement: string;
  status: string;
  reason: string | null;
}
export interface StoredCompliance extends ComplianceRow { domain: string; since: string; checked_at: string }

export interface IpStatusRow { first_ip: string; last_ip: string; blocked: boolean; reason: string | null }
export interface StoredIpStatus extends IpStatusRow { first_seen_at: string; checked_at: string }

const COMPLIANCE_TYPE = 'STRUCT(scope VARCHAR, scope_domain VARCHAR, requirement VARCHAR, status VARCHAR, reason VARCHAR)[]';
const IP_STATUS_TYPE = 'STRUCT(first_ip VARCHAR, last_ip VARCHAR, blocked BOOLEAN, reason VARCHAR)[]';

/** The domain's requirements as just read: replaces its rows, keeping `since` where the status is unchanged. */
export async function replaceCompliance(tx: Sql, domain: string, rows: ComplianceRow[], at: string): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO postmaster_compliance (domain, scope, scope_domain, requirement, status, reason, since, checked_at)
     WITH n AS (SELECT unnest(CAST($2 AS JSON)::${COMPLIANCE_TYPE}, recursive := true))
     SELECT $1, n.scope, n.scope_domain, n.requirement, n.status, n.reason,
            CASE WHEN o.status = n.status THEN o.since ELSE $3::TIMESTAMP END, $3::TIMESTAMP
       FROM n LEFT JOIN postmaster_compliance o ON o.domain = $1 AND o.scope = n.scope AND o.requirement = n.requirement`,
    [domain, JSON.stringify(rows), at],
  );
  await tx.run(
    `DELETE FROM postmaster_compliance WHERE domain = $1 AND NOT list_contains(CAST($2 AS JSON)::VARCHAR[], scope || '|' || requirement)`,
    [domain, JSON.stringify(rows.map((r) => `${r.scope}|${r.requirement}`))],
  );
}

export function listCompliance(sql: Sql): Promise<StoredCompliance[]> {
  return sql.all<StoredCompliance>(
    `SELECT domain, scope, scope_domain, requirement, status, reason, since, checked_at
       FROM postmaster_compliance ORDER BY domain, scope, requirement`,
  );
}

/** The whole IP status list as just read (it may be empty: nothing listed); first_seen_at kept per range. */
export async function replaceIpStatus(tx: Sql, rows: IpStatusRow[], at: string): Promise<void> {
  await tx.run(
    `INSERT OR REPLACE INTO snds_ip_status (first_ip, last_ip, blocked, reason, first_seen_at, checked_at)
     WITH n AS (SELECT unnest(CAST($1 AS JSON)::${IP_STATUS_TYPE}, recursive := true))
     SELECT n.first_ip, n.last_ip, n.blocked, n.reason, coalesce(o.first_seen_at, $2::TIMESTAMP), $2::TIMESTAMP
       FROM n LEFT JOIN snds_ip_status o ON o.first_ip = n.first_ip AND o.last_ip = n.last_ip`,
    [JSON.stringify(rows), at],
  );
  await tx.run(
    `DELETE FROM snds_ip_status WHERE NOT list_contains(CAST($1 AS JSON)::VARCHAR[], first_ip || '-' || last_ip)`,
    [JSON.stringify(rows.map((r) => `${r.first_ip}-${r.last_ip}`))],
  );
}

export function listIpStatus(sql: Sql): Promise<StoredIpStatus[]> {
  return sql.all<StoredIpStatus>(
    `SELECT first_ip, last_ip, blocked, reason, first_seen_at, checked_at
       FROM snds_ip_status ORDER BY blocked DESC, first_ip, last_ip`,
  );
}
