// The rules of the apology check, one function each, from the crisis playbook of docs/incidents.md. Each returns its one
// finding, or null when the draft passes it. Word lists come from rules/<language>.json (see rules.ts).
import { distinctHits, type Hit, type Language, type MatcherSet } from './rules.ts';
import type { ApologyContext, ApologyDraft, ApologyFinding } from './schema.ts';
import { fold, foldWithOrigin, parseAddress, words, type Folded } from './text.ts';

/** What every rule gets: the draft, its context, the languages it is written in, and its text in folded form. */
export interface Draft {
  draft: ApologyDraft;
  ctx: ApologyContext;
  langs: Language[];
  /** Every language, for rules whose evidence does not depend on the draft's language (addresses). */
  allLangs: Language[];
  subject: Folded;
  /** Subject, then the body (text part and the HTML part's text): what a reader reads. */
  whole: Folded;
  /** Where the body starts in `whole`. */
  bodyStart: number;
}

// Up to this many quotes per finding, then "and N more": the finding must stay readable.
const MAX_QUOTES = 5;
// The apology belongs in the first paragraph or two; after this many words of body it is a buried lede.
export const BURIED_LEDE_WORDS = 120;
// A subject mostly in capitals shouts; below this many letters (e.g. "FAQ") it says nothing.
const CAPS_MIN_LETTERS = 8;
const CAPS_SHARE = 0.7;

const finding = (rule: ApologyFinding['rule'], severity: ApologyFinding['severity'], evidence: string, fix: string): ApologyFinding =>
  ({ rule, severity, evidence, fix });

function hitsIn(d: Draft, pick: (l: Language) => MatcherSet, doc: Folded = d.whole): Hit[] {
  return distinctHits(d.langs.flatMap((l) => pick(l).find(doc)));
}

/** `"oops", "lol" in "Oops, we did it again lol."`: the words grouped by sentence, up to MAX_QUOTES sentences. */
export function quoteHits(hits: Hit[]): string {
  const bySentence = new Map<string, string[]>();
  // Pushed in place: copying the list per hit was quadratic in the hits of one sentence (docs/security.md).
  for (const h of hits) {
    const list = bySentence.get(h.sentence);
    if (list) list.push(h.words);
    else bySentence.set(h.sentence, [h.words]);
  }
  const quotes = [...bySentence].slice(0, MAX_QUOTES).map(([sentence, ws]) => {
    const list = ws.slice(0, MAX_QUOTES).map((w) => `"${w}"`).join(', ') + (ws.length > MAX_QUOTES ? ` (and ${ws.length - MAX_QUOTES} more)` : '');
    return ws.length === 1 && fold(ws[0] ?? '') === fold(sentence) ? list : `${list} in "${sentence}"`;
  });
  const more = bySentence.size - MAX_QUOTES;
  return quotes.join('; ') + (more > 0 ? `; and ${more} more sentence(s)` : '');
}

const examples = (d: Draft, key: keyof Language['examples']) => d.langs.flatMap((l) => l.examples[key]).map((e) => `"${e}"`).join(' or ');

export function suppressionListSend(d: Draft): ApologyFinding | null {
  if (d.ctx.incident_kind !== 'suppression_list_send') return null;
  return finding('suppression_list_send', 'block',
    'the incident is a send to a suppression list (kind suppression_list_send): these people asked not to be emailed',
    'Do not send an apology at all — it makes things worse: another email to people who opted out draws more complaints and spam-trap hits. Re-suppress the addresses, fix the list source, and watch the next sends.');
}

const count = (n: number) => n.toLocaleString('en-US');

/** Playbook: DON'T send to subscribers who weren't affected. */
export function audience(d: Draft): ApologyFinding | null {
  const a = d.ctx.audience;
  // A send to a suppression list gets no apology at all: that finding says everything.
  if (!a || d.ctx.incident_kind === 'suppression_list_send') return null;
  const exportIt = `export the affected audience (rebound audience ${a.incident_id} --export FILE, or the dashboard's Audience panel)`;
  if (!a.planned) {
    if (!a.known) return null;
    return finding('audience', 'info', `the apology's recipient list was not checked; the incident reached ${count(a.affected)} recipient(s)`,
      `Upload the list the apology will go to (rebound audience ${a.incident_id} --apology-list FILE) to check it, or ${exportIt} and send to exactly that list.`);
  }
  if (!a.known) {
    return finding('audience', 'warn', `the apology list has ${count(a.planned.recipients)} recipient(s), but the incident's sends carry no recipients, so whom they reached is unknown`,
      'Load the bad send\'s events with their recipient field — with their event_id, so that loading them again adds the recipient to the stored events instead of a second copy — or name the incident\'s sends (send_ids), then check again.');
  }
  if (a.planned.outside === 0) return null;
  const eg = a.planned.examples.map((r) => `"${r}"`).join(', ');
  return finding('audience', 'block',
    `${count(a.planned.outside)} of the apology list's ${count(a.planned.recipients)} recipient(s) were not affected (not reached by the incident's sends, bounced, or suppressed), e.g. ${eg}`,
    `Send the apology only to the ${count(a.affected)} affected recipient(s): ${exportIt} and use that list. An apology to people the mistake never reached confuses them and draws complaints.`);
}

export function noReply(d: Draft): ApologyFinding | null {
  const offending: string[] = [];
  const headers: [string, string | null][] = [['From', d.draft.from], ['Reply-To', d.draft.reply_to]];
  for (const [header, value] of headers) {
    if (!value) continue;
    const { name, local } = parseAddress(value);
    const parts = [foldWithOrigin(local), foldWithOrigin(name)];
    if (d.allLangs.some((l) => parts.some((p) => p.text && l.noReply.test(p)))) offending.push(`${header}: "${value}"`);
  }
  if (offending.length === 0) return null;
  return finding('no_reply', 'block', `a no-reply address: ${offending.join('; ')}`,
    'Send from, and set Reply-To to, an address people can answer and someone reads (e.g. support@…): replies are how affected subscribers reach you, and a no-reply sender tells them you are not listening.');
}

export function apology(d: Draft): ApologyFinding | null {
  const hits = hitsIn(d, (l) => l.apology);
  if (hits.length === 0) {
    return finding('apology', 'block', 'no apology found: the draft never says sorry',
      `Apologise plainly, near the top: ${examples(d, 'apology')}`);
  }
  const first = hits[0];
  if (!first || first.at < d.bodyStart) return null;
  const before = words(d.whole.source.slice(d.bodyStart, first.at)).length;
  if (before <= BURIED_LEDE_WORDS) return null;
  return finding('apology', 'warn', `the apology is buried: the first one, ${quoteHits([first])}, comes after ${before} words`,
    'Say what happened and apologise in the first sentences; readers skim, and many read only the top.');
}

export function protectiveSteps(d: Draft): ApologyFinding | null {
  if (!d.ctx.personal_data_exposed) return null;
  const steps = new Map<string, boolean>();
  for (const l of d.langs) {
    for (const s of l.protectiveSteps) steps.set(s.step, (steps.get(s.step) ?? false) || s.matchers.test(d.whole));
  }
  const missing = [...steps].filter(([, present]) => !present).map(([step]) => step);
  if (missing.length === 0) return null;
  const severity = missing.length === steps.size ? 'block' : 'warn';
  return finding('protective_steps', severity,
    `personal data or credentials were exposed, but the draft does not tell subscribers to ${missing.join(', or to ')}`,
    `Tell subscribers how to protect themselves, e.g. ${examples(d, 'protective_steps')}`);
}

function shouting(subject: string): boolean {
  const letters = subject.match(/\p{L}/gu) ?? [];
  const upper = subject.match(/\p{Lu}/gu) ?? [];
  return letters.length >= CAPS_MIN_LETTERS && upper.length / letters.length >= CAPS_SHARE;
}

export function subject(d: Draft): ApologyFinding | null {
  const fix = `Use a clear subject that says what happened, e.g. ${examples(d, 'subject')}`;
  if (!d.draft.subject.trim()) return finding('subject', 'warn', 'the draft has no subject', fix);
  const problems: string[] = [];
  const bait = hitsIn(d, (l) => l.subjectClickbait, d.subject);
  if (bait.length) problems.push(`clickbait or minimising: ${bait.map((h) => `"${h.words}"`).join(', ')}`);
  const jokes = hitsIn(d, (l) => l.humour, d.subject);
  if (jokes.length) problems.push(`jokey: ${jokes.map((h) => `"${h.words}"`).join(', ')}`);
  if (shouting(d.draft.subject)) problems.push('in capitals');
  const clear = d.langs.some((l) => l.subjectClear.test(d.subject));
  if (!clear) {
    const vague = hitsIn(d, (l) => l.subjectVague, d.subject);
    problems.push(vague.length ? `vague: ${vague.map((h) => `"${h.words}"`).join(', ')}, and it does not say what happened` : 'it does not say what happened');
  }
  if (problems.length === 0) return null;
  return finding('subject', 'warn', `subject "${d.draft.subject.trim()}": ${problems.join('; ')}`, fix);
}

export function humour(d: Draft): ApologyFinding | null {
  const hits = hitsIn(d, (l) => l.humour);
  if (hits.length === 0) return null;
  return finding('humour', 'warn', quoteHits(hits),
    'Drop the jokes and emoji: to someone whose data leaked or whose inbox you filled, humour reads as not taking it seriously.');
}

export function weaselWords(d: Draft): ApologyFinding | null {
  const hits = hitsIn(d, (l) => l.weasel);
  if (hits.length === 0) return null;
  return finding('weasel_words', 'warn', quoteHits(hits),
    'Be clear and direct: say what happened, to whom and what data, as facts ("your name and email address were exposed", not "some users\' data may have been affected"); apologise for the harm, not the "inconvenience".');
}

export function brandedTemplate(d: Draft): ApologyFinding | null {
  const markers = d.ctx.brand_markers;
  if (markers.length === 0) {
    return finding('branded_template', 'info', 'not checked: no brand markers are configured',
      'Set APOLOGY_BRAND_MARKERS to strings your branded template always contains (e.g. a header and a footer marker).');
  }
  const fix = 'Send the apology in your usual branded template: a bare or unfamiliar email after an incident looks like phishing.';
  if (!d.draft.html?.trim()) return finding('branded_template', 'warn', 'the draft has no HTML part, so it is not in the branded template', fix);
  const html = d.draft.html;
  const missing = markers.filter((m) => !html.includes(m));
  if (missing.length === 0) return null;
  return finding('branded_template', 'warn', `the HTML lacks the template's marker(s): ${missing.map((m) => `"${m}"`).join(', ')}`, fix);
}
