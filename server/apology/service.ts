// The apology check as a use case shared by the API and the CLI: the draft (JSON fields or an .eml), checked in
// the context of its incident — its kind, whether personal data was exposed — and the configured brand markers.
import { readFile } from 'node:fs/promises';
import { checkApology } from '#shared/apology/check.ts';
import { apologyCheckBody, apologyDraft, type ApologyContext, type ApologyResult } from '#shared/apology/schema.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Config } from '../config.ts';
import { ApiError, parseWith } from '../errors.ts';
import { apologyAudience } from '../services/audience.ts';
import { showIncident } from '../services/incidents.ts';
import type { Db } from '../store/db.ts';
import { EmlError, looksLikeEml, parseEml } from './eml.ts';

// Incident kinds that expose personal data by definition; any other kind says so with personal_data_exposed.
const EXPOSING_KINDS: ReadonlySet<Incident['kind']> = new Set(['data_breach']);

export function contextFor(incident: Incident, config: Pick<Config, 'apologyBrandMarkers'>, personalDataExposed = false): ApologyContext {
  return {
    incident_kind: incident.kind,
    personal_data_exposed: EXPOSING_KINDS.has(incident.kind) || personalDataExposed,
    brand_markers: config.apologyBrandMarkers,
  };
}

/** Checks an API/CLI body (`{ from, reply_to, subject, text, html, personal_data_exposed? }`) against an incident. */
export async function checkApologyFor(db: Db, config: Pick<Config, 'apologyBrandMarkers'>, incidentId: string, body: unknown): Promise<ApologyResult> {
  const incident = await showIncident(db, incidentId);
  const { personal_data_exposed, ...fields } = parseWith(apologyCheckBody, body);
  const draft = parseWith(apologyDraft, fields);
  return checkApology(draft, { ...contextFor(incident, config, personal_data_exposed ?? false), audience: await apologyAudience(db, incident) });
}

/** An RFC 5322 message as the JSON body the check takes; a broken message is a 400 naming the body. */
export async function bodyFromEml(raw: Buffer | string): Promise<Record<string, unknown>> {
  try {
    return { ...(await parseEml(raw)) };
  } catch (err) {
    if (err instanceof EmlError) throw new ApiError('validation_failed', `body: ${err.message}`, [{ field: 'body', message: err.message }]);
    throw err;
  }
}

/** A draft file for the CLI: an .eml (by its header lines) or JSON with the body's fields. */
export async function readDraftFile(path: string): Promise<Record<string, unknown>> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    throw new ApiError('bad_request', `cannot read the draft ${path}`, { field: 'draft' });
  }
  if (!/\.json$/i.test(path) && looksLikeEml(raw)) return bodyFromEml(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError('bad_request', `${path} is neither an RFC 5322 message (.eml) nor valid JSON`, { field: 'draft' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError('validation_failed', `${path}: must be a JSON object with from, subject, text and/or html`, [{ field: 'draft', message: 'must be a JSON object' }]);
  }
  return parsed as Record<string, unknown>;
}
