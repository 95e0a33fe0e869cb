// Drafts for the apology rule tests: a good apology in each language, and per rule the words that make it fire.
// The same cases run in English and Spanish (rules.test.ts), so each rule is tested in both.
import { checkApology } from '#shared/apology/check.ts';
import { apologyDraft, type ApologyContext, type ApologyResult } from '#shared/apology/schema.ts';

export const HEADER = '<!-- brand:header -->';
export const FOOTER = '<div class="brand-footer">Acme Inc.</div>';

export interface LanguageCase {
  code: 'en' | 'es';
  from: string;
  subject: string;
  /** Body of a good apology after a breach: apology first, what happened, what to do. */
  text: string;
  noReplyFrom: string;
  noReplyReplyTo: string;
  vagueSubject: string;
  jokeySubject: string;
  /** The good text without its apology sentence. */
  withoutApology: string;
  /** The good text without the protective steps, and with only the password step. */
  withoutSteps: string;
  onlyPasswordStep: string;
  joke: { sentence: string; words: string };
  notAJoke: string;
  weasel: { sentence: string; words: string[] };
}

export const EN: LanguageCase = {
  code: 'en',
  from: 'Acme Security <security@acme.example>',
  subject: 'Notification of Data Breach',
  text: "We're sorry. On March 2 an attacker copied the names, email addresses and password hashes of 12,400 of our customers, yours among them. " +
    'Please change your password and enable two-factor authentication. Reply to this email with any question; our security team reads every reply.',
  noReplyFrom: 'Acme <no-reply@acme.example>',
  noReplyReplyTo: 'donotreply@acme.example',
  vagueSubject: 'Quick update about your account',
  jokeySubject: 'Oops!! 😅',
  withoutApology: 'On March 2 an attacker copied the names and email addresses of 12,400 of our customers. Please change your password and enable two-factor authentication.',
  withoutSteps: "We're sorry. On March 2 an attacker copied the names and email addresses of 12,400 of our customers. Our security team reads every reply.",
  onlyPasswordStep: "We're sorry. On March 2 an attacker copied the names and email addresses of 12,400 of our customers. Please reset your password today.",
  joke: { sentence: 'Whoops, my bad! We sent this to the wrong list.', words: 'Whoops' },
  notAJoke: 'Thanks to the groups and sign-ups team for fixing the list.',
  weasel: { sentence: 'Out of an abundance of caution: some users may have been affected, and we apologize for any inconvenience.', words: ['Out of an abundance of caution', 'some users', 'may have', 'any inconvenience'] },
};

export const ES: LanguageCase = {
  code: 'es',
  from: 'Acme Seguridad <seguridad@acme.example>',
  subject: 'Cometimos un error',
  text: 'Lo sentimos. El 2 de marzo un atacante copió los nombres, las direcciones de correo y las contraseñas cifradas de 12.400 de nuestros clientes, entre ellos la suya. ' +
    'Cambie su contraseña y active la autenticación en dos pasos. Responda a este correo con cualquier pregunta: nuestro equipo de seguridad lee todas las respuestas.',
  noReplyFrom: 'Acme <no-responder@acme.example>',
  noReplyReplyTo: 'noresponder@acme.example',
  vagueSubject: 'Novedades importantes sobre su cuenta',
  jokeySubject: '¡Ups! Jajaja',
  withoutApology: 'El 2 de marzo un atacante copió los nombres y las direcciones de correo de 12.400 de nuestros clientes. Cambie su contraseña y active la autenticación de dos factores.',
  withoutSteps: 'Pedimos disculpas. El 2 de marzo un atacante copió los nombres y las direcciones de correo de 12.400 de nuestros clientes. Nuestro equipo lee todas las respuestas.',
  onlyPasswordStep: 'Pedimos disculpas. El 2 de marzo un atacante copió los nombres y las direcciones de correo de 12.400 de nuestros clientes. Restablezca su contraseña hoy mismo.',
  joke: { sentence: '¡Ups! Enviamos este correo a la lista equivocada, jajaja.', words: 'Ups' },
  notAJoke: 'El equipo de backups revisó los pop-ups del formulario y corrigió la lista.',
  weasel: { sentence: 'Por precaución le informamos que posiblemente algunos usuarios se vieron afectados; disculpe los inconvenientes.', words: ['Por precaución', 'posiblemente', 'algunos usuarios', 'inconvenientes'] },
};

export const BREACH: ApologyContext = { incident_kind: 'data_breach', personal_data_exposed: true, brand_markers: [HEADER, FOOTER] };

export const htmlOf = (text: string, markers = true) =>
  `<html><body>${markers ? HEADER : ''}<p>${text.replace(/&/g, '&amp;')}</p>${markers ? FOOTER : ''}</body></html>`;

/** The good draft of a language with some fields replaced, checked in `ctx`. */
export function check(lang: LanguageCase, over: Record<string, unknown> = {}, ctx: Partial<ApologyContext> = {}): ApologyResult {
  const text = typeof over['text'] === 'string' ? over['text'] : lang.text;
  const draft = apologyDraft.parse({ from: lang.from, subject: lang.subject, text, html: htmlOf(text), ...over });
  return checkApology(draft, { ...BREACH, ...ctx });
}

export const ruleOf = (r: ApologyResult, rule: string) => r.findings.find((f) => f.rule === rule);
