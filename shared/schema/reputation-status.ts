// Current-state lists the mailbox providers publish (docs/sources.md): Gmail Postmaster Tools compliance status per domain
// and requirement, and the Microsoft SNDS IP status list. What GET /api/sources/compliance and
// GET /api/sources/snds-ip-status answer, and the labels the dashboard shows.
import { z } from 'zod';

// ComplianceStatus.status ("Method: domains.getComplianceStatus", Postmaster Tools API v2 reference,
// https://developers.google.com/workspace/gmail/postmaster/reference/rest/v2/domains/getComplianceStatus).
export const COMPLIANCE_STATUSES = ['COMPLIANT', 'NEEDS_WORK', 'STATE_UNSPECIFIED'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

// ComplianceRowData.requirement, same reference, with its documented meaning. Google may add requirements: one
// not listed here is stored and shown by its own name.
export const COMPLIANCE_REQUIREMENTS: Readonly<Record<string, string>> = {
  SPF: 'SPF set up',
  DKIM: 'DKIM set up',
  SPF_AND_DKIM: 'Both SPF and DKIM set up',
  DMARC_POLICY: 'DMARC policy published',
  DMARC_ALIGNMENT: 'From: aligned with DKIM or SPF',
  MESSAGE_FORMATTING: 'Messages formatted per RFC 5322',
  DNS_RECORDS: 'Forward and reverse DNS',
  ENCRYPTION: 'TLS encryption',
  USER_REPORTED_SPAM_RATE: 'User-reported spam rate below the limit',
  ONE_CLICK_UNSUBSCRIBE: 'One-click unsubscribe',
  HONOR_UNSUBSCRIBE: 'Unsubscribes honoured',
  COMPLIANCE_REQUIREMENT_UNSPECIFIED: 'Unspecified requirement',
};

export const complianceRequirement = z.object({
  scope: z.enum(['domain', 'subdomain']), scope_domain: z.string().nullable(), requirement: z.string(),
  status: z.string(), reason: z.string().nullable(), since: z.string(), checked_at: z.string(),
});
export const domainCompliance = z.object({
  domain: z.string(),
  /** NEEDS_WORK on any requirement → 'needs_work'; all COMPLIANT → 'compliant'; else 'unknown'. */
  overall: z.enum(['compliant', 'needs_work', 'unknown']),
  checked_at: z.string(),
  requirements: z.array(complianceRequirement),
});
export type DomainCompliance = z.infer<typeof domainCompliance>;
export type ComplianceRequirement = z.infer<typeof complianceRequirement>;

export const ipStatusRange = z.object({
  first_ip: z.string(), last_ip: z.string(), blocked: z.boolean(), reason: z.string().nullable(),
  first_seen_at: z.string(), checked_at: z.string(),
  /** Streams whose IPs (SNDS_IP_STREAMS) fall in the range. */
  streams: z.array(z.string()),
});
export type IpStatusRange = z.infer<typeof ipStatusRange>;
export const ipStatusList = z.object({
  /** The last successful SNDS pull (which reads the list), or null before the first. */
  checked_at: z.string().nullable(),
  ranges: z.array(ipStatusRange),
});
export type IpStatusList = z.infer<typeof ipStatusList>;
