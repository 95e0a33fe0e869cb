// The apology check's machinery: HTML to text, language detection, accent-blind matching, quoting, the verdict,
// and the validation of the word-list files a team extends.
import { describe, expect, it } from 'vitest';
import { bodyOf, checkApology, detectLanguages } from '#shared/apology/check.ts';
import { compileLanguage, LANGUAGES, RuleFileError } from '#shared/apology/rules.ts';
import { apologyDraft } from '#shared/apology/schema.ts';
import { htmlToText, parseAddress } from '#shared/apology/text.ts';
import en from '#shared/apology/rules/en.json' with { type: 'json' };
import { BREACH, check, EN, ES, ruleOf } from './drafts.ts';

describe('htmlToText', () => {
  it('drops head, style, script and comments, breaks blocks into lines and decodes entities', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body><!-- brand:header -->' +
      '<p>Lo sentimos.</p><div>Cambie su contrase&ntilde;a &amp; active la autenticaci&#243;n &#x1F512;</div><script>x()</script></body></html>';
    expect(htmlToText(html)).toBe('Lo sentimos.\nCambie su contraseña & active la autenticación 🔒');
  });
});

describe('parseAddress', () => {
  it('splits a display name from the address and its local part', () => {
    expect(parseAddress('"Acme, Inc." <no-reply@acme.example>')).toEqual({ name: 'Acme, Inc.', address: 'no-reply@acme.example', local: 'no-reply' });
    expect(parseAddress('support@acme.example').local).toBe('support');
  });
});

describe('language detection', () => {
  it('reads English as English and Spanish as Spanish', () => {
    expect(detectLanguages(EN.text).map((l) => l.code)).toEqual(['en']);
    expect(detectLanguages(ES.text).map((l) => l.code)).toEqual(['es']);
  });
  it('reads a bilingual draft in both languages, so an apology in either half counts', () => {
    const text = `${EN.withoutApology}\n\n${ES.text}`;
    expect(detectLanguages(text).map((l) => l.code).sort()).toEqual(['en', 'es']);
    expect(ruleOf(check(EN, { text }), 'apology')).toBeUndefined();
  });
  it('falls back to every language when no stop word is found', () => {
    expect(detectLanguages('12345 !!!')).toHaveLength(LANGUAGES.length);
  });
});

describe('matching', () => {
  it('ignores accents and case, so a draft typed without them still counts', () => {
    const text = 'LO SENTIMOS. Un atacante copio los nombres de nuestros clientes. Cambie su contrasena y active la autenticacion de dos factores.';
    expect(check(ES, { text }).findings).toEqual([]);
  });
  it('treats curly apostrophes like straight ones', () => {
    expect(ruleOf(check(EN, { text: EN.text.replace("We're", 'We’re') }), 'apology')).toBeUndefined();
  });
  it('reads the HTML part when there is no text part, entities included', () => {
    const html = '<!-- brand:header --><p>Lo sentimos.</p><p>Cambie su contrase&ntilde;a y active la autenticaci&oacute;n en dos pasos.</p><div class="brand-footer">Acme Inc.</div>';
    expect(check(ES, { text: null, html }).verdict).toBe('ok');
  });
  it('reads both parts when they differ, so a joke in the HTML cannot hide behind a clean text part', () => {
    const html = `<!-- brand:header --><p>${EN.text} Oops!</p><div class="brand-footer">Acme Inc.</div>`;
    expect(bodyOf({ text: EN.text, html })).toContain('Oops!');
    expect(ruleOf(check(EN, { html }), 'humour')?.evidence).toContain('"Oops"');
  });
  it('flags a no-reply display name and a Spanish no-reply address in an English draft', () => {
    expect(ruleOf(check(EN, { from: 'No Reply <alerts@acme.example>' }), 'no_reply')?.severity).toBe('block');
    expect(ruleOf(check(EN, { from: 'no_responder@acme.example' }), 'no_reply')?.severity).toBe('block');
  });
  it('cuts a very long sentence around the quoted words', () => {
    const long = `${'word '.repeat(80)}possibly ${'more '.repeat(80)}.`;
    const evidence = ruleOf(check(EN, { text: `${EN.text} ${long}` }), 'weasel_words')?.evidence ?? '';
    expect(evidence).toContain('"possibly" in "…');
    expect(evidence.length).toBeLessThan(220);
  });
});

describe('verdict', () => {
  it('is block when any finding blocks, even among warnings; findings come block first', () => {
    const r = check(EN, { from: EN.noReplyFrom, subject: EN.vagueSubject });
    expect(r.verdict).toBe('block');
    expect(r.findings.map((f) => f.severity)).toEqual(['block', 'warn']);
  });
  it('is warn when the worst finding warns', () => {
    expect(check(EN, { subject: EN.vagueSubject }).verdict).toBe('warn');
  });
  it('gives one finding per rule, however often the rule matches', () => {
    const r = check(EN, { text: `${EN.text} Oops. Whoops. LOL. 😅` });
    expect(r.findings.filter((f) => f.rule === 'humour')).toHaveLength(1);
  });
  it('is the same for the same draft (pure)', () => {
    const draft = apologyDraft.parse({ from: EN.from, subject: EN.subject, text: EN.text });
    expect(checkApology(draft, BREACH)).toEqual(checkApology(draft, BREACH));
  });
});

describe('the draft schema', () => {
  it('needs a sender and a body, naming the field', () => {
    const noFrom = apologyDraft.safeParse({ subject: 'x', text: 'y' });
    expect(noFrom.success ? [] : noFrom.error.issues.map((i) => i.path.join('.'))).toEqual(['from']);
    const noBody = apologyDraft.safeParse({ from: 'a@b.example', subject: 'x', text: '  ' });
    expect(noBody.success ? [] : noBody.error.issues.map((i) => i.path.join('.'))).toEqual(['text']);
  });
});

describe('word-list files', () => {
  it('load and compile for every language', () => {
    expect(LANGUAGES.map((l) => l.code)).toEqual(['en', 'es']);
    for (const l of LANGUAGES) expect(l.apology.size).toBeGreaterThan(3);
  });
  it('reject a broken file, naming the file and the field', () => {
    expect(() => compileLanguage('rules/xx.json', { ...en, weasel: { phrases: [], patterns: ['(unclosed'] } })).toThrow(RuleFileError);
    expect(() => compileLanguage('rules/xx.json', { ...en, weasel: { phrases: [], patterns: ['(unclosed'] } })).toThrow(/rules\/xx\.json: weasel\.patterns\.0/);
    expect(() => compileLanguage('rules/xx.json', { ...en, apology: undefined })).toThrow(/apology/);
  });
  it('can be extended: a phrase added to a list is found', () => {
    const extended = compileLanguage('rules/en.json', { ...en, humour: { ...en.humour, phrases: [...en.humour.phrases, 'well, that happened'] } });
    const draft = apologyDraft.parse({ from: EN.from, subject: EN.subject, text: `${EN.text} Well, that happened.` });
    const r = checkApology(draft, BREACH, [extended]);
    expect(ruleOf(r, 'humour')?.evidence).toContain('"Well, that happened"');
  });
});
