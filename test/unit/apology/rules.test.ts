// Every rule of the apology check, firing and not firing, in English and in Spanish (docs/incidents.md).
import { describe, expect, it } from 'vitest';
import { check, EN, ES, htmlOf, ruleOf, type LanguageCase } from './drafts.ts';

describe.each([EN, ES])('apology rules in $code', (lang: LanguageCase) => {
  it('passes a good apology with verdict ok and no findings, read in its language', () => {
    const r = check(lang);
    expect(r.findings).toEqual([]);
    expect(r.verdict).toBe('ok');
    expect(r.languages).toEqual([lang.code]);
  });

  describe('subject clarity', () => {
    it('warns on a vague subject, quoting it', () => {
      const f = ruleOf(check(lang, { subject: lang.vagueSubject }), 'subject');
      expect(f?.severity).toBe('warn');
      expect(f?.evidence).toContain(lang.vagueSubject);
      expect(f?.evidence).toMatch(/does not say what happened/);
    });
    it('warns on a jokey or clickbait subject', () => {
      const f = ruleOf(check(lang, { subject: lang.jokeySubject }), 'subject');
      expect(f?.severity).toBe('warn');
      expect(f?.evidence).toMatch(/jokey|clickbait/);
    });
    it('warns on a missing subject and one in capitals', () => {
      expect(ruleOf(check(lang, { subject: '' }), 'subject')?.evidence).toMatch(/no subject/);
      expect(ruleOf(check(lang, { subject: lang.subject.toUpperCase() }), 'subject')?.evidence).toMatch(/capitals/);
    });
    it('accepts a clear subject', () => {
      expect(ruleOf(check(lang), 'subject')).toBeUndefined();
    });
  });

  describe('no-reply sender', () => {
    it('blocks a no-reply From', () => {
      const r = check(lang, { from: lang.noReplyFrom });
      expect(r.verdict).toBe('block');
      expect(ruleOf(r, 'no_reply')?.evidence).toContain(lang.noReplyFrom);
    });
    it('blocks a no-reply Reply-To', () => {
      const f = ruleOf(check(lang, { reply_to: lang.noReplyReplyTo }), 'no_reply');
      expect(f?.severity).toBe('block');
      expect(f?.evidence).toContain(`Reply-To: "${lang.noReplyReplyTo}"`);
    });
    it('accepts an address people can answer', () => {
      expect(ruleOf(check(lang, { reply_to: 'nora@acme.example' }), 'no_reply')).toBeUndefined();
    });
  });

  describe('apology present', () => {
    it('blocks a draft that never apologises, suggesting words in its language', () => {
      const f = ruleOf(check(lang, { text: lang.withoutApology }), 'apology');
      expect(f?.severity).toBe('block');
      expect(f?.fix).toContain(lang.code === 'en' ? "We're sorry." : 'Lo sentimos.');
    });
    it('warns when the apology is buried under a long preamble', () => {
      const preamble = `${lang.withoutApology.split('.')[0]}. `.repeat(12);
      const f = ruleOf(check(lang, { text: preamble + lang.text }), 'apology');
      expect(f?.severity).toBe('warn');
      expect(f?.evidence).toMatch(/buried/);
    });
    it('finds an apology that is there', () => {
      expect(ruleOf(check(lang), 'apology')).toBeUndefined();
    });
  });

  describe('protective steps', () => {
    it('blocks when personal data was exposed and the draft gives no steps', () => {
      const f = ruleOf(check(lang, { text: lang.withoutSteps }), 'protective_steps');
      expect(f?.severity).toBe('block');
      expect(f?.evidence).toMatch(/change their password.*two-factor/);
    });
    it('warns when only some steps are given, naming the missing one', () => {
      const f = ruleOf(check(lang, { text: lang.onlyPasswordStep }), 'protective_steps');
      expect(f?.severity).toBe('warn');
      expect(f?.evidence).toMatch(/two-factor/);
      expect(f?.evidence).not.toMatch(/password/);
    });
    it('asks for nothing when no personal data was exposed', () => {
      const r = check(lang, { text: lang.withoutSteps }, { incident_kind: 'wrong_segment', personal_data_exposed: false });
      expect(ruleOf(r, 'protective_steps')).toBeUndefined();
    });
  });

  describe('humour and flippancy', () => {
    it('warns, quoting the words and their sentence', () => {
      const f = ruleOf(check(lang, { text: `${lang.text} ${lang.joke.sentence}` }), 'humour');
      expect(f?.severity).toBe('warn');
      expect(f?.evidence).toContain(`"${lang.joke.words}"`);
    });
    it('warns on emoji', () => {
      expect(ruleOf(check(lang, { text: `${lang.text} 🙈` }), 'humour')?.evidence).toContain('🙈');
    });
    it('does not fire on the same letters inside other words', () => {
      expect(ruleOf(check(lang, { text: `${lang.text} ${lang.notAJoke}` }), 'humour')).toBeUndefined();
    });
  });

  describe('weasel and hedging words', () => {
    it('warns, quoting each hedge in its sentence', () => {
      const f = ruleOf(check(lang, { text: `${lang.text} ${lang.weasel.sentence}` }), 'weasel_words');
      expect(f?.severity).toBe('warn');
      for (const w of lang.weasel.words) expect(f?.evidence).toContain(`"${w}"`);
      expect(f?.evidence).toContain(lang.weasel.sentence.slice(0, 20));
    });
    it('stays quiet on a direct draft', () => {
      expect(ruleOf(check(lang), 'weasel_words')).toBeUndefined();
    });
  });

  describe('branded template', () => {
    it('warns when the HTML lacks the configured markers, naming them', () => {
      const f = ruleOf(check(lang, { html: htmlOf(lang.text, false) }), 'branded_template');
      expect(f?.severity).toBe('warn');
      expect(f?.evidence).toContain('<!-- brand:header -->');
    });
    it('warns on a text-only draft', () => {
      expect(ruleOf(check(lang, { html: null }), 'branded_template')?.evidence).toMatch(/no HTML part/);
    });
    it('only notes (info, verdict ok) that nothing was checked when no markers are configured', () => {
      const r = check(lang, {}, { brand_markers: [] });
      expect(ruleOf(r, 'branded_template')?.severity).toBe('info');
      expect(r.verdict).toBe('ok');
    });
  });

  describe('a send to a suppression list', () => {
    it('blocks any apology at all', () => {
      const r = check(lang, {}, { incident_kind: 'suppression_list_send', personal_data_exposed: false });
      expect(r.verdict).toBe('block');
      expect(r.findings[0]?.rule).toBe('suppression_list_send');
      expect(r.findings[0]?.fix).toMatch(/Do not send an apology at all — it makes things worse/);
    });
    it('does not fire for other incident kinds', () => {
      expect(ruleOf(check(lang, {}, { incident_kind: 'wrong_segment' }), 'suppression_list_send')).toBeUndefined();
    });
  });
});

// The audience rule reads numbers the server worked out (server/services/audience.ts); the draft's language does
// not change it, which the same cases in English and Spanish show.
describe.each([EN, ES])('the audience rule in $code', (lang: LanguageCase) => {
  const audience = (planned: { recipients: number; outside: number; examples: string[] } | null, known = true, affected = 40) =>
    ({ audience: { incident_id: 'inc-7', affected, known, planned } });

  it('blocks an apology list that goes beyond the affected audience, quoting who', () => {
    const r = check(lang, {}, audience({ recipients: 42, outside: 2, examples: ['b@yahoo.com', 'z@gmail.com'] }));
    expect(r.verdict).toBe('block');
    expect(ruleOf(r, 'audience')).toEqual({
      rule: 'audience', severity: 'block',
      evidence: '2 of the apology list\'s 42 recipient(s) were not affected (not reached by the incident\'s sends, bounced, or suppressed), e.g. "b@yahoo.com", "z@gmail.com"',
      fix: expect.stringContaining('rebound audience inc-7 --export FILE'),
    });
  });

  it('passes a list within the audience, notes an unchecked one, warns when the audience is unknown', () => {
    expect(ruleOf(check(lang, {}, audience({ recipients: 40, outside: 0, examples: [] })), 'audience')).toBeUndefined();
    expect(ruleOf(check(lang, {}, audience(null)), 'audience')).toMatchObject({ severity: 'info', evidence: expect.stringContaining('reached 40 recipient(s)') });
    expect(ruleOf(check(lang, {}, audience({ recipients: 3, outside: 3, examples: [] }, false, 0)), 'audience')).toMatchObject({ severity: 'warn' });
    // Nothing known and nothing planned: nothing to say. Without the store's numbers the rule is silent.
    expect(ruleOf(check(lang, {}, audience(null, false, 0)), 'audience')).toBeUndefined();
    expect(ruleOf(check(lang), 'audience')).toBeUndefined();
  });

  it('gives way to the suppression-list finding: there must be no apology at all', () => {
    const r = check(lang, {}, { incident_kind: 'suppression_list_send', ...audience({ recipients: 42, outside: 2, examples: ['b@yahoo.com'] }) });
    expect(ruleOf(r, 'audience')).toBeUndefined();
    expect(ruleOf(r, 'suppression_list_send')?.severity).toBe('block');
  });
});
