// The two current-state formats, case by case: Postmaster v2 getComplianceStatus answers and SNDS ipStatus lines,
// good and malformed, and the IP range → streams mapping.
import { describe, expect, it } from 'vitest';
import { complianceRows } from '../../../server/sources/postmaster/compliance.ts';
import { ipStatusRows, streamsInRange } from '../../../server/sources/snds/ip-status.ts';

const D = 'news.example.com';
const withRows = (rowData: unknown, extra: Record<string, unknown> = {}) => ({ complianceData: { domainId: 'example.com', rowData, ...extra } });

describe('complianceRows', () => {
  it.each([
    ['status left out (proto3 default)', withRows([{ requirement: 'SPF' }]), [['SPF', 'STATE_UNSPECIFIED', null]]],
    ['empty status object', withRows([{ requirement: 'DKIM', status: {} }]), [['DKIM', 'STATE_UNSPECIFIED', null]]],
    ['requirement left out', withRows([{ status: { status: 'COMPLIANT' } }]), [['COMPLIANCE_REQUIREMENT_UNSPECIFIED', 'COMPLIANT', null]]],
    ['a requirement Google added later', withRows([{ requirement: 'BIMI_RECORD', status: { status: 'NEEDS_WORK' } }]), [['BIMI_RECORD', 'NEEDS_WORK', null]]],
    ['a verdict without a table row', withRows([], { honorUnsubscribeVerdict: { status: { status: 'NEEDS_WORK' }, reason: 'NOT_HONORING' } }), [['HONOR_UNSUBSCRIBE', 'NEEDS_WORK', 'NOT_HONORING']]],
    ['REASON_UNSPECIFIED is no reason', withRows([], { oneClickUnsubscribeVerdict: { status: { status: 'COMPLIANT' }, reason: 'REASON_UNSPECIFIED' } }), [['ONE_CLICK_UNSUBSCRIBE', 'COMPLIANT', null]]],
    ['no compliance data yet', {}, []],
  ])('%s', (_, answer, expected) => {
    expect(complianceRows(D, answer).map((r) => [r.requirement, r.status, r.reason])).toEqual(expected);
  });

  it.each([
    ['not an object', [], /the answer is not a DomainComplianceStatus object/],
    ['complianceData a string', { complianceData: 'ok' }, /complianceData must be a DomainComplianceData object/],
    ['rowData not an array', withRows({ requirement: 'SPF' }), /complianceData\.rowData must be an array/],
    ['a row that is not an object', withRows(['SPF']), /rowData\[0\] must be a ComplianceRowData object/],
    ['a numeric requirement', withRows([{ requirement: 7 }]), /rowData\[0\]\.requirement must be a requirement name/],
    ['an unknown status', withRows([{ requirement: 'SPF', status: { status: 'FINE' } }]), /rowData\[0\]\.status\.status must be one of COMPLIANT, NEEDS_WORK, STATE_UNSPECIFIED/],
    ['a verdict reason that is a number', withRows([], { honorUnsubscribeVerdict: { reason: 3 } }), /honorUnsubscribeVerdict\.reason must be a string/],
    ['subdomain data malformed', { subdomainComplianceData: { rowData: 'x' } }, /subdomainComplianceData\.rowData must be an array/],
  ])('refuses %s', (_, answer, message) => {
    expect(() => complianceRows(D, answer)).toThrow(message);
  });
});

describe('ipStatusRows', () => {
  it('reads ranges, a header, blank lines, CRLF, and commas inside the unquoted reason', () => {
    const text = 'First IP,Last IP,Blocked,Reason\r\n1.1.1.0,1.1.1.1,Yes,Blocked due to user complaints, or other evidence\r\n\r\n2.2.2.2,2.2.2.2,no,\r\n';
    expect(ipStatusRows(text)).toEqual([
      { first_ip: '1.1.1.0', last_ip: '1.1.1.1', blocked: true, reason: 'Blocked due to user complaints, or other evidence' },
      { first_ip: '2.2.2.2', last_ip: '2.2.2.2', blocked: false, reason: null },
    ]);
  });

  it.each([
    ['1.1.1.1,1.1.1.2', /line 1: .* this one has 2 column/],
    ['1.1.1.1,1.1.1.300,Yes,x', /line 1: last IP must be an IPv4 address, not "1\.1\.1\.300"/],
    ['host.example,1.1.1.1,Yes,x', /line 1: first IP must be an IPv4 address/],
    ['1.1.1.1,1.1.1.1,Yes,x\n1.1.1.1,1.1.1.1,Blocked,x', /line 2: blocked must be Yes or No, not "Blocked"/],
  ])('refuses %j', (text, message) => {
    expect(() => ipStatusRows(text)).toThrow(message);
  });

  it('maps a range to the streams of the configured IPs inside it, numerically', () => {
    const ipStreams = { '10.0.0.9': 'a', '10.0.0.10': 'b', '10.0.1.0': 'c', '10.0.0.100': 'a' };
    expect(streamsInRange('10.0.0.9', '10.0.0.100', ipStreams)).toEqual(['a', 'b']);
    expect(streamsInRange('10.0.0.11', '10.0.0.99', ipStreams)).toEqual([]);
  });
});
