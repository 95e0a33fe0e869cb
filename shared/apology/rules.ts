// The word lists of each language (rules/<language>.json), validated and compiled once at load. A team extends a
// list by editing the JSON; a new language is a new file added to RULE_FILES below.
import en from './rules/en.json' with { type: 'json' };
import es from './rules/es.json' with { type: 'json' };
import { ruleFile, type MatcherList, type RuleFile } from './schema.ts';
import { fold, sentenceAround, type Folded } from './text.ts';

const RULE_FILES: Record<string, unknown> = { 'rules/en.json': en, 'rules/es.json': es };

/** One compiled entry: what a finding quotes as the matched term, and its expression on folded text. */
interface Matcher { term: string; re: RegExp }

export interface Hit {
  /** The phrase or pattern of the list that matched. */
  term: string;
  /** The words of the draft as written. */
  words: string;
  /** The sentence they stand in. */
  sentence: string;
  /** Where they start in the draft text. */
  at: number;
}

const MAX_HITS_PER_TERM = 100;

export class MatcherSet {
  constructor(private readonly matchers: Matcher[]) {}

  get size(): number {
    return this.matchers.length;
  }

  /**
   * The matches in the draft, in order of position, one per place (the longest term wins where terms overlap): the
   * first MAX_HITS_PER_TERM of each term, which is more than a finding quotes. Unbounded, a megabyte of emoji gave
   * half a million hits, each quoted (29 s per request; the property tests, docs/security.md).
   */
  find(doc: Folded): Hit[] {
    const hits: Hit[] = [];
    for (const { term, re } of this.matchers) {
      re.lastIndex = 0;
      let n = 0;
      for (let m = re.exec(doc.text); m && n < MAX_HITS_PER_TERM; m = re.exec(doc.text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const start = doc.origin[m.index] ?? 0;
        const last = doc.origin[m.index + m[0].length - 1] ?? start;
        const end = last + ((doc.source.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
        hits.push({ term, words: doc.source.slice(start, end), sentence: sentenceAround(doc.source, start, end), at: start });
        n++;
      }
    }
    return distinctHits(hits);
  }

  test(doc: Folded): boolean {
    return this.matchers.some(({ re }) => {
      re.lastIndex = 0;
      return re.test(doc.text);
    });
  }
}

/** Hits in order of position, one per place: where two overlap, the earlier (then the longer) one stays. */
export function distinctHits(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.at - b.at || b.words.length - a.words.length);
  const kept: Hit[] = [];
  let covered = -1;
  for (const h of sorted) {
    if (h.at < covered) continue;
    kept.push(h);
    covered = h.at + h.words.length;
  }
  return kept;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A phrase is whole words: no letter, digit or hyphen may touch either end ("ups" must not match "groups" or
// "sign-ups").
const WORD_START = '(?<![\\p{L}\\p{N}-])';
const WORD_END = '(?![\\p{L}\\p{N}-])';

function compile(list: MatcherList): MatcherSet {
  const phrases = list.phrases.map((p) => {
    const body = escape(fold(p)).replace(/\s+/g, '\\s+');
    return { term: p, re: new RegExp(`${WORD_START}${body}${WORD_END}`, 'giu') };
  });
  // Patterns are written against folded text too, so accents in them are folded away the same way.
  const patterns = list.patterns.map((p) => ({ term: p, re: new RegExp(p.normalize('NFD').replace(/\p{M}/gu, ''), 'giu') }));
  return new MatcherSet([...phrases, ...patterns]);
}

export interface Language {
  code: string;
  name: string;
  stopwords: Set<string>;
  subjectClear: MatcherSet;
  subjectVague: MatcherSet;
  subjectClickbait: MatcherSet;
  noReply: MatcherSet;
  apology: MatcherSet;
  protectiveSteps: { step: string; matchers: MatcherSet }[];
  humour: MatcherSet;
  weasel: MatcherSet;
  examples: RuleFile['examples'];
}

export class RuleFileError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`shared/apology/${file}: ${detail}`);
    this.name = 'RuleFileError';
  }
}

export function compileLanguage(file: string, data: unknown): Language {
  const parsed = ruleFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RuleFileError(file, `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const r = parsed.data;
  return {
    code: r.language,
    name: r.name,
    stopwords: new Set(r.stopwords.map(fold)),
    subjectClear: compile(r.subject.clear),
    subjectVague: compile(r.subject.vague),
    subjectClickbait: compile(r.subject.clickbait),
    noReply: compile(r.no_reply),
    apology: compile(r.apology),
    protectiveSteps: r.protective_steps.map(({ step, ...list }) => ({ step, matchers: compile(list) })),
    humour: compile(r.humour),
    weasel: compile(r.weasel),
    examples: r.examples,
  };
}

/** Every language Rebound reads drafts in, compiled at import: a broken word list stops the start. */
export const LANGUAGES: Language[] = Object.entries(RULE_FILES).map(([file, data]) => compileLanguage(file, data));
