// The apology check (docs/incidents.md): reads a draft in the languages it is written in, runs every rule, and gives the
// verdict — block if any finding blocks, else warn if any warns, else ok. Pure: same draft, same answer.
import * as checks from './checks.ts';
import { LANGUAGES, type Language } from './rules.ts';
import { RULE_IDS, type ApologyContext, type ApologyDraft, type ApologyFinding, type ApologyResult } from './schema.ts';
import { fold, foldWithOrigin, htmlToText, words } from './text.ts';

// A language counts as present when its stop words are at least this share of the most frequent language's: a
// bilingual email (English and Spanish halves) is read in both, an English one quoting "de la Cruz" is not.
const MIN_LANGUAGE_SHARE = 0.25;

/** The languages a text is written in, by stop-word counts; every language when none can be told. */
export function detectLanguages(text: string, languages: readonly Language[] = LANGUAGES): Language[] {
  const ws = words(text);
  const counts = languages.map((l) => ws.filter((w) => l.stopwords.has(w)).length);
  const top = Math.max(0, ...counts);
  if (top === 0) return [...languages];
  return languages.filter((_, i) => (counts[i] ?? 0) >= top * MIN_LANGUAGE_SHARE);
}

const RULES: ((d: checks.Draft) => ApologyFinding | null)[] = [
  checks.suppressionListSend, checks.audience, checks.noReply, checks.apology, checks.protectiveSteps, checks.subject, checks.humour,
  checks.weaselWords, checks.brandedTemplate,
];
const SEVERITY_ORDER: Record<ApologyFinding['severity'], number> = { block: 0, warn: 1, info: 2 };

/**
 * What a reader reads: the text part and the HTML part's text, once. Usually one holds the other (the HTML adds
 * a header and footer); when they differ, both are read, so neither part can hide what the other says.
 */
export function bodyOf(draft: Pick<ApologyDraft, 'text' | 'html'>): string {
  const text = draft.text?.trim() ?? '';
  const fromHtml = draft.html ? htmlToText(draft.html) : '';
  const flat = (x: string) => fold(x).replace(/\s+/g, ' ').trim();
  if (!fromHtml || flat(text).includes(flat(fromHtml))) return text || fromHtml;
  if (!text || flat(fromHtml).includes(flat(text))) return fromHtml;
  return `${text}\n\n${fromHtml}`;
}

export function checkApology(draft: ApologyDraft, ctx: ApologyContext, languages: readonly Language[] = LANGUAGES): ApologyResult {
  const body = bodyOf(draft);
  const subject = draft.subject.replace(/\s+/g, ' ').trim();
  const langs = detectLanguages(`${subject}\n${body}`, languages);
  // The subject line ends in a newline, so a quote never runs from the subject into the body.
  const d: checks.Draft = {
    draft, ctx, langs, allLangs: [...languages],
    subject: foldWithOrigin(subject),
    whole: foldWithOrigin(`${subject}\n${body}`),
    bodyStart: subject.length + 1,
  };
  const findings = RULES.map((rule) => rule(d)).filter((f): f is ApologyFinding => f !== null);
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule));
  const verdict = findings.some((f) => f.severity === 'block') ? 'block' : findings.some((f) => f.severity === 'warn') ? 'warn' : 'ok';
  return { verdict, languages: langs.map((l) => l.code), findings };
}
