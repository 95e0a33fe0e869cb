// Recipient domain → mailbox provider (docs/data-formats.md). Only the consumer domains that page names are mapped; a
// company domain hosted on Google Workspace or Microsoft 365 stays `other`, since MX lookups are out of scope.
export const PROVIDERS = ['gmail', 'yahoo', 'microsoft', 'apple', 'other'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const EXACT_DOMAINS: Readonly<Record<string, Provider>> = {
  'gmail.com': 'gmail',
  'googlemail.com': 'gmail',
  'aol.com': 'yahoo',
  'ymail.com': 'yahoo',
  'msn.com': 'microsoft',
  'icloud.com': 'apple',
  'me.com': 'apple',
  'mac.com': 'apple',
};

// `yahoo.*`, `outlook.*`, `hotmail.*`, `live.*`: the first label decides, whatever the country suffix.
export const FIRST_LABELS: Readonly<Record<string, Provider>> = {
  yahoo: 'yahoo',
  outlook: 'microsoft',
  hotmail: 'microsoft',
  live: 'microsoft',
};

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

// Recipient domains repeat endlessly within a file; a bounded memo saves the string work per record.
const MEMO_LIMIT = 10_000;
const memo = new Map<string, Provider>();

export function providerForDomain(domain: string): Provider {
  const known = memo.get(domain);
  if (known) return known;
  const provider = mapDomain(domain);
  if (memo.size < MEMO_LIMIT) memo.set(domain, provider);
  return provider;
}

function mapDomain(domain: string): Provider {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  // Own keys only: a domain such as "constructor" or "__proto__.com" must not find Object.prototype's members
  // (it did, and the function it found crashed the store's appender; the property tests, docs/security.md).
  if (Object.hasOwn(EXACT_DOMAINS, d)) return EXACT_DOMAINS[d] as Provider;
  const labels = d.split('.');
  const first = labels[0] ?? '';
  if (labels.length >= 2 && Object.hasOwn(FIRST_LABELS, first)) return FIRST_LABELS[first] as Provider;
  return 'other';
}
