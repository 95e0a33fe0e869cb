// Apology drafts from .eml files: headers with RFC 2047 encoded words, multipart/alternative with a
// quoted-printable text part and a base64 HTML part, as a mail client or ESP exports them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkApology } from '#shared/apology/check.ts';
import { apologyDraft } from '#shared/apology/schema.ts';
import { EmlError, looksLikeEml, parseEml } from '../../../server/apology/eml.ts';
import { fixture } from '../../integration/helpers.ts';
import { BREACH } from './drafts.ts';

const RAW = readFileSync(fixture('apology-es.eml'));

describe('parseEml', () => {
  it('decodes the headers, the quoted-printable text part and the base64 HTML part', async () => {
    const d = await parseEml(RAW);
    expect(d.from).toBe('Equipo de Seguridad de Acmé <seguridad@acme.example>');
    expect(d.reply_to).toBe('Ayuda Acme <ayuda@acme.example>');
    expect(d.subject).toBe('Cometimos un error: notificación de brecha de datos');
    // The soft line breaks of quoted-printable are joined, and =C3=B1 is "ñ".
    expect(d.text).toContain('las direcciones de correo');
    expect(d.text).toContain('Cambie su contraseña y active la autenticación en dos pasos.');
    expect(d.html).toContain('<!-- brand:header -->');
    expect(d.html).toContain('contraseña');
  });

  it('gives a draft that passes the check in Spanish', async () => {
    const r = checkApology(apologyDraft.parse(await parseEml(RAW)), BREACH);
    expect(r).toEqual({ verdict: 'ok', languages: ['es'], findings: [] });
  });

  it('decodes base64 encoded words and a single-part message', async () => {
    const raw = [
      'From: =?UTF-8?B?QWNtZSBOb3RpZmljYWNpb25lcw==?= <no-responder@acme.example>',
      'Subject: =?UTF-8?B?wqFVcHMhIEVudmlhbW9zIGVzdG8gcG9yIGVycm9y?=',
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Pedimos disculpas por el correo de ayer: no deb=EDa llegarle.',
      '',
    ].join('\r\n');
    const d = await parseEml(raw);
    expect(d).toMatchObject({ from: 'Acme Notificaciones <no-responder@acme.example>', subject: '¡Ups! Enviamos esto por error', html: null, reply_to: null });
    expect(d.text).toContain('no debía llegarle');
    const r = checkApology(apologyDraft.parse(d), { ...BREACH, incident_kind: 'wrong_segment', personal_data_exposed: false });
    expect(r.findings.map((f) => f.rule)).toEqual(['no_reply', 'subject', 'humour', 'branded_template']);
  });

  it('refuses what is not a message, and a message without a sender', async () => {
    expect(looksLikeEml('{"from": "a@b.example"}')).toBe(false);
    await expect(parseEml('{"from": "a@b.example"}')).rejects.toThrow(EmlError);
    await expect(parseEml('Subject: hi\r\n\r\nbody\r\n')).rejects.toThrow(/no From header/);
  });
});
