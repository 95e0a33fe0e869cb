// ESP mailbox-provider names → Rebound's five providers. Each ESP names providers its own way ("Gmail",
// "Google Workspace", "Verizon Media Group", "Hotmail / Outlook", "Apple"), and adds names over time: a name
// none of the patterns knows is stored as `other` and counted, so the run summary and docs/sources.md can say
// which names to add. The patterns are the union of the names the ESPs' documentation and dashboards show.
import type { Provider } from '#shared/providers.ts';

const PATTERNS: readonly (readonly [RegExp, Provider])[] = [
  [/\b(gmail|google|googlemail|g ?suite)\b/i, 'gmail'],
  [/\b(yahoo|aol|verizon|ymail|oath)\b/i, 'yahoo'],
  [/\b(microsoft|outlook|hotmail|live|msn|office ?365|exchange online|windows live)\b/i, 'microsoft'],
  [/\b(apple|icloud|me\.com|mac\.com)\b/i, 'apple'],
];
// Names that mean "no particular provider": stored as other without being counted as unknown.
const OTHER = /^(other|others|unknown|all other|-)$/i;

export class ProviderMap {
  readonly unknown: Record<string, number> = {};

  of(name: string): Provider {
    for (const [re, p] of PATTERNS) if (re.test(name)) return p;
    if (!OTHER.test(name.trim())) this.unknown[name] = (this.unknown[name] ?? 0) + 1;
    return 'other';
  }
}
