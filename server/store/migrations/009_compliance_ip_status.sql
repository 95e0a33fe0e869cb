-- Gmail Postmaster Tools v2 compliance status (domains.getComplianceStatus): the current state of each bulk-sender
-- requirement per configured domain. scope is 'domain' (complianceData: the registrable domain) or 'subdomain'
-- (subdomainComplianceData, only where the configured domain is a subdomain). status is Google's COMPLIANT,
-- NEEDS_WORK or STATE_UNSPECIFIED; reason is the verdict's reason where Google gives one (the unsubscribe
-- requirements). since is when Rebound first saw this status (kept while the status stays the same), checked_at
-- the last pull that read it. A pull replaces the domain's rows.
CREATE TABLE postmaster_compliance (
  domain       VARCHAR NOT NULL,
  scope        VARCHAR NOT NULL,
  scope_domain VARCHAR,
  requirement  VARCHAR NOT NULL,
  status       VARCHAR NOT NULL,
  reason       VARCHAR,
  since        TIMESTAMP NOT NULL,
  checked_at   TIMESTAMP NOT NULL,
  PRIMARY KEY (domain, scope, requirement)
);

-- Microsoft SNDS IP status list (the automated-access ipStatus export): the IP ranges of the key that Outlook.com
-- currently lists, blocked or not, with SNDS's reason. The list is a current state: a pull replaces it, keeping
-- first_seen_at for a range still listed (so "blocked since" survives re-pulls).
CREATE TABLE snds_ip_status (
  first_ip      VARCHAR NOT NULL,
  last_ip       VARCHAR NOT NULL,
  blocked       BOOLEAN NOT NULL,
  reason        VARCHAR,
  first_seen_at TIMESTAMP NOT NULL,
  checked_at    TIMESTAMP NOT NULL,
  PRIMARY KEY (first_ip, last_ip)
);
