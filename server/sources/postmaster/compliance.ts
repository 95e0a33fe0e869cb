// Google Postmaster Tools v2 compliance status → one row per domain scope × requirement. The answer of
// "Method: domains.getComplianceStatus" (GET /v2/domains/{domain}/complianceStatus,
// https://developers.google.com/workspace/gmail/postmaster/reference/rest/v2/domains/getComplianceStatus):
//   { name, complianceData: DomainComplianceData, subdomainComplianceData: DomainComplianceData }
//   DomainComplianceData { domainId, rowData: [{ requirement, status: { status } }],
//                          oneClickUnsubscribeVerdict: { status: { status }, reason },
//                          honorUnsubscribeVerdict: { status: { status }, reason } }
// Proto3's JSON mapping leaves out enum fields at their default, so an absent status is STATE_UNSPECIFIED and an
// absent requirement COMPLIANCE_REQUIREMENT_UNSPECIFIED. Anything of another shape is refused, naming where.
import { COMPLIANCE_STATUSES, type ComplianceStatus } from '#shared/schema/reputation-status.ts';
import type { ComplianceRow } from '../../store/reputation-status.ts';

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

// Enum names in the API are upper-case words; a new requirement Google adds is kept under its own name.
const ENUM_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_REASON_LENGTH = 200;
// Which requirement row each verdict explains (DomainComplianceData's fields in the reference above).
const VERDICTS = { oneClickUnsubscribeVerdict: 'ONE_CLICK_UNSUBSCRIBE', honorUnsubscribeVerdict: 'HONOR_UNSUBSCRIBE' } as const;

export class ComplianceFormatError extends Error {}

function fail(domain: string, where: string, what: string): never {
  throw new ComplianceFormatError(`Postmaster v2 getComplianceStatus for ${domain}: ${where} ${what}`);
}

/** ComplianceStatus `{ status }` → its value (absent = STATE_UNSPECIFIED). */
function statusOf(domain: string, where: string, v: unknown): ComplianceStatus {
  if (v === undefined) return 'STATE_UNSPECIFIED';
  if (!isObject(v)) fail(domain, where, 'must be a ComplianceStatus object { status }');
  const s = v.status ?? 'STATE_UNSPECIFIED';
  if (typeof s !== 'string' || !(COMPLIANCE_STATUSES as readonly string[]).includes(s)) {
    fail(domain, `${where}.status`, `must be one of ${COMPLIANCE_STATUSES.join(', ')}`);
  }
  return s as ComplianceStatus;
}

function dataRows(domain: string, scope: ComplianceRow['scope'], key: string, data: unknown): ComplianceRow[] {
  if (data === undefined) return [];
  if (!isObject(data)) fail(domain, key, 'must be a DomainComplianceData object');
  if (data.domainId !== undefined && typeof data.domainId !== 'string') fail(domain, `${key}.domainId`, 'must be a string');
  const scopeDomain = typeof data.domainId === 'string' ? data.domainId : null;
  if (data.rowData !== undefined && !Array.isArray(data.rowData)) fail(domain, `${key}.rowData`, 'must be an array');
  const rows = new Map<string, ComplianceRow>();
  for (const [i, r] of ((data.rowData as unknown[] | undefined) ?? []).entries()) {
    const where = `${key}.rowData[${i}]`;
    if (!isObject(r)) fail(domain, where, 'must be a ComplianceRowData object');
    const requirement = r.requirement ?? 'COMPLIANCE_REQUIREMENT_UNSPECIFIED';
    if (typeof requirement !== 'string' || !ENUM_NAME.test(requirement)) fail(domain, `${where}.requirement`, 'must be a requirement name such as SPF');
    rows.set(requirement, { scope, scope_domain: scopeDomain, requirement, status: statusOf(domain, `${where}.status`, r.status), reason: null });
  }
  for (const [field, requirement] of Object.entries(VERDICTS)) {
    const v = data[field];
    if (v === undefined) continue;
    if (!isObject(v)) fail(domain, `${key}.${field}`, 'must be an object { status, reason }');
    if (v.reason !== undefined && typeof v.reason !== 'string') fail(domain, `${key}.${field}.reason`, 'must be a string');
    const status = statusOf(domain, `${key}.${field}.status`, v.status);
    // The reason enum's default (REASON_UNSPECIFIED) says nothing; the reference says it is empty when compliant.
    const reason = typeof v.reason === 'string' && v.reason !== '' && v.reason !== 'REASON_UNSPECIFIED' ? v.reason.slice(0, MAX_REASON_LENGTH) : null;
    const row = rows.get(requirement);
    // The verdict is the authority for its requirement; a table row without a verdict stands as given.
    rows.set(requirement, { scope, scope_domain: scopeDomain, requirement, status: v.status === undefined && row ? row.status : status, reason });
  }
  return [...rows.values()];
}

/** The answer for `domain` → its requirement rows (none when Google has no compliance data for it yet). */
export function complianceRows(domain: string, answer: unknown): ComplianceRow[] {
  if (!isObject(answer)) fail(domain, 'the answer', 'is not a DomainComplianceStatus object');
  const expected = `domains/${domain}/complianceStatus`;
  if (answer.name !== undefined && answer.name !== expected) fail(domain, 'name', `is "${String(answer.name).slice(0, 80)}", not ${expected}`);
  return [
    ...dataRows(domain, 'domain', 'complianceData', answer.complianceData),
    ...dataRows(domain, 'subdomain', 'subdomainComplianceData', answer.subdomainComplianceData),
  ];
}
