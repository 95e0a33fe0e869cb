// The apology check's shapes (docs/incidents.md): the draft, its context, the findings, and the word-list files that a team
// extends (shared/apology/rules/<language>.json), each validated at load so a typo fails loudly, not silently.
import { z } from 'zod';
import type { AudienceComparison } from '../schema/audience.ts';
import { INCIDENT_KINDS } from '../schema/incidents.ts';

// Apology emails are short; a megabyte of HTML is a newsletter template gone wrong, not a draft to check.
export const MAX_DRAFT_PART_CHARS = 1_000_000;
const MAX_HEADER_CHARS = 998; // RFC 5322 line length limit

export const SEVERITIES = ['info', 'warn', 'block'] as const;
export const VERDICTS = ['ok', 'warn', 'block'] as const;
export const RULE_IDS = [
  'suppression_list_send', 'audience', 'no_reply', 'apology', 'protective_steps', 'subject', 'humour', 'weasel_words', 'branded_template',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const draftFields = {
  from: z.string().trim().min(1, 'is required: the sender address').max(MAX_HEADER_CHARS),
  reply_to: z.string().trim().max(MAX_HEADER_CHARS).nullable().optional(),
  subject: z.string().max(MAX_HEADER_CHARS).default(''),
  text: z.string().max(MAX_DRAFT_PART_CHARS).nullable().optional(),
  html: z.string().max(MAX_DRAFT_PART_CHARS).nullable().optional(),
};
const hasBody = (d: { text?: string | null | undefined; html?: string | null | undefined }) => Boolean(d.text?.trim() || d.html?.trim());
const NO_BODY = { path: ['text'], message: 'the draft needs a body: text or html' };

export const apologyDraft = z
  .strictObject(draftFields)
  .refine(hasBody, NO_BODY)
  .transform((d) => ({ from: d.from, reply_to: d.reply_to || null, subject: d.subject, text: d.text ?? null, html: d.html ?? null }));
export type ApologyDraft = z.output<typeof apologyDraft>;

/** The API body: a draft, plus whether personal data or credentials were exposed when the incident kind does not say. */
export const apologyCheckBody = z
  .strictObject({ ...draftFields, personal_data_exposed: z.boolean().optional() })
  .refine(hasBody, NO_BODY);

export interface ApologyContext {
  incident_kind: (typeof INCIDENT_KINDS)[number];
  personal_data_exposed: boolean;
  /** Strings the branded template's HTML always contains (a header/footer marker); empty = not checked. */
  brand_markers: string[];
  /** The audience guard's numbers, where the store knows them (shared/schema/audience.ts); null: not checked. */
  audience?: ApologyAudience | null;
}

export interface ApologyAudience {
  incident_id: string;
  /** Recipients the incident's sends reached (minus bounces and the suppression list); 0 with no recipient data. */
  affected: number;
  /** Whether the incident's sends carry recipients at all: without them the affected audience is unknown. */
  known: boolean;
  /** The uploaded apology list against the affected audience; null when none was uploaded. */
  planned: AudienceComparison | null;
}

export const apologyFinding = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  evidence: z.string(),
  fix: z.string(),
});
export type ApologyFinding = z.infer<typeof apologyFinding>;

export const apologyResult = z.object({
  verdict: z.enum(VERDICTS),
  /** Languages the draft was read in (ISO 639-1), from its stop words. */
  languages: z.array(z.string()),
  findings: z.array(apologyFinding),
});
export type ApologyResult = z.infer<typeof apologyResult>;

// ---- the word-list files ------------------------------------------------------------------------------------------

const regexSource = z.string().min(1).refine((src) => {
  try {
    new RegExp(src, 'giu');
    return true;
  } catch {
    return false;
  }
}, { message: 'must be a valid regular expression (JavaScript, unicode mode)' });

/** Phrases match whole words, ignoring case and accents; patterns are regular expressions on the folded text. */
export const matcherList = z.strictObject({
  phrases: z.array(z.string().trim().min(1)).default([]),
  patterns: z.array(regexSource).default([]),
});
export type MatcherList = z.infer<typeof matcherList>;

export const ruleFile = z.strictObject({
  language: z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as "en"'),
  name: z.string().min(1),
  stopwords: z.array(z.string().min(1)).min(10, 'needs at least 10 stop words to tell languages apart'),
  subject: z.strictObject({ clear: matcherList, vague: matcherList, clickbait: matcherList }),
  no_reply: matcherList,
  apology: matcherList,
  protective_steps: z.array(matcherList.extend({ step: z.string().min(1) })).min(1),
  humour: matcherList,
  weasel: matcherList,
  // Shown in the fixes, in the draft's language.
  examples: z.strictObject({ subject: z.array(z.string()).min(1), apology: z.array(z.string()).min(1), protective_steps: z.array(z.string()).min(1) }),
});
export type RuleFile = z.infer<typeof ruleFile>;
