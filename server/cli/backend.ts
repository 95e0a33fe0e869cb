// What the CLI does, either on the store directly or, when `rebound serve` holds it, through the server's API.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ApologyResult } from '#shared/apology/schema.ts';
import { annotationCreate, type Annotation } from '#shared/schema/annotations.ts';
import { alertRuleCreate, type AlertRule } from '#shared/schema/alerts.ts';
import { incidentCreate, incidentUpdate, type Incident } from '#shared/schema/incidents.ts';
import { checkApologyFor } from '../apology/service.ts';
import type { AudienceSummary, ListUploadResult, RecipientList } from '#shared/schema/audience.ts';
import { affectedCsv, audienceOf, uploadList } from '../services/audience.ts';
import { createRule, removeRule } from '../services/alert-rules.ts';
import { addAnnotation, annotationsOf } from '../services/annotations.ts';
import { alertsOverview, listRules, type AlertsOverview } from '../services/alerts.ts';
import type { IngestResultBody } from '#shared/schema/ingest.ts';
import { ApiError, parseWith } from '../errors.ts';
import { IngestError, ingestFile, type IngestOptions } from '../ingest/ingest.ts';
import { changeIncident, createIncident, recentIncidents, showIncident } from '../services/incidents.ts';
import type { Services } from '../context.ts';
import { evaluateDue, recoveryOf, type EvaluateRunSummary, type Recovery } from '../services/recovery.ts';
import type { Db } from '../store/db.ts';
import { checkStore } from '../services/store-state.ts';
import type { StoreCheckReport } from '#shared/schema/integrity.ts';
import type { LocalServer } from './store-or-server.ts';
import { suspectDeclare, suspectDismiss, type Suspect, type SuspectList } from '#shared/schema/suspects.ts';
import { declareSuspect, dismissSuspect, suspectsOf } from '../services/suspects.ts';

export interface Backend {
  readonly where: string;
  ingest(path: string, opts: IngestOptions): Promise<IngestResultBody>;
  /** Raw JSON input: validated here (local) or by the server (remote), with the same schema. */
  createIncident(input: unknown): Promise<Incident>;
  listIncidents(openOnly: boolean): Promise<Incident[]>;
  showIncident(id: string): Promise<Incident>;
  updateIncident(id: string, patch: unknown): Promise<Incident>;
  evaluate(incidentId?: string): Promise<EvaluateRunSummary>;
  listRules(): Promise<AlertRule[]>;
  createRule(input: unknown): Promise<AlertRule>;
  deleteRule(id: string): Promise<void>;
  /** Firing alerts and the newest notifications, as many as the API lists by default. */
  alerts(): Promise<AlertsOverview>;
  recovery(id: string): Promise<Recovery>;
  /** An apology draft (the API's JSON body) checked against the incident; validated like createIncident. */
  checkApology(id: string, draft: unknown): Promise<ApologyResult>;
  listAnnotations(id: string): Promise<Annotation[]>;
  addAnnotation(id: string, input: unknown): Promise<Annotation>;
  audience(id: string): Promise<AudienceSummary>;
  /** Replaces the incident's suppression or apology list with the file's recipients. */
  uploadList(id: string, list: RecipientList, text: string): Promise<ListUploadResult>;
  /** The affected audience as CSV, chunk by chunk. */
  exportAudience(id: string, write: (chunk: string) => Promise<void>): Promise<void>;
  /** The store check (docs/integrity.md): every invariant, put right with `repair`. */
  check(repair: boolean): Promise<StoreCheckReport>;
  /** Suspected incidents (docs/watch.md): exactly GET /api/suspects. */
  suspects(): Promise<SuspectList>;
  /** Raw JSON input, validated like createIncident. */
  declareSuspect(id: string, input: unknown): Promise<{ suspect: Suspect; incident: Incident }>;
  dismissSuspect(id: string, input: unknown): Promise<Suspect>;
  close(): void;
}

export class LocalBackend implements Backend {
  private readonly db: Db;
  constructor(private readonly services: Services) {
    this.db = services.db;
  }
  get where() {
    return this.db.path;
  }
  ingest(path: string, opts: IngestOptions) {
    return ingestFile(this.db, path, opts);
  }
  createIncident(input: unknown) {
    return createIncident(this.db, parseWith(incidentCreate, input));
  }
  listIncidents(openOnly: boolean) {
    return recentIncidents(this.db, { openOnly });
  }
  showIncident(id: string) {
    return showIncident(this.db, id);
  }
  updateIncident(id: string, patch: unknown) {
    return changeIncident(this.db, id, parseWith(incidentUpdate, patch));
  }
  evaluate(incidentId?: string) {
    return evaluateDue(this.services, incidentId);
  }
  suspects() {
    return suspectsOf(this.services);
  }
  declareSuspect(id: string, input: unknown) {
    return declareSuspect(this.services, id, parseWith(suspectDeclare, input));
  }
  dismissSuspect(id: string, input: unknown) {
    return dismissSuspect(this.services, id, parseWith(suspectDismiss, input));
  }
  recovery(id: string) {
    return recoveryOf(this.services, id);
  }
  listRules() {
    return listRules(this.db);
  }
  createRule(input: unknown) {
    return createRule(this.db, parseWith(alertRuleCreate, input));
  }
  deleteRule(id: string) {
    return removeRule(this.db, id);
  }
  alerts() {
    return alertsOverview(this.db);
  }
  checkApology(id: string, draft: unknown) {
    return checkApologyFor(this.db, this.services.config, id, draft);
  }
  listAnnotations(id: string) {
    return annotationsOf(this.db, id);
  }
  addAnnotation(id: string, input: unknown) {
    return addAnnotation(this.db, id, parseWith(annotationCreate, input));
  }
  audience(id: string) {
    return audienceOf(this.db, id);
  }
  uploadList(id: string, list: RecipientList, text: string) {
    return uploadList(this.db, id, list, text);
  }
  async exportAudience(id: string, write: (chunk: string) => Promise<void>) {
    for await (const chunk of affectedCsv(this.db, id)) await write(chunk);
  }
  check(repair: boolean) {
    return checkStore(this.db, { repair, full: true });
  }
  close() {
    this.db.close();
  }
}

/** Talks to a running `rebound serve` on this machine with the credential it left beside the store. */
export class RemoteBackend implements Backend {
  constructor(private readonly server: LocalServer) {}
  get where() {
    return this.server.where;
  }

  private call<T>(method: string, path: string, json?: unknown): Promise<T> {
    return this.server.json<T>(method, path, json === undefined ? undefined : { data: JSON.stringify(json), type: 'application/json' });
  }

  async ingest(path: string, opts: IngestOptions): Promise<IngestResultBody> {
    try {
      if (!statSync(path).isFile()) throw new Error();
    } catch {
      throw new IngestError(path, 'no such file, or it cannot be read');
    }
    const q = new URLSearchParams({ name: basename(path), skip_bad: String(opts.skipBad ?? false) });
    if (opts.kind) q.set('kind', opts.kind);
    if (opts.format) q.set('format', opts.format);
    const data = createReadStream(path) as unknown as BodyInit;
    try {
      return await this.server.json<IngestResultBody>('POST', `/api/ingest?${q}`, { data, type: 'application/octet-stream' });
    } catch (err) {
      // A refused file is a result like a stored one: every rejected record is listed, as on the store itself.
      if (err instanceof ApiError && err.code === 'rejected') return err.details as IngestResultBody;
      throw err;
    }
  }
  createIncident(input: unknown) {
    return this.call<Incident>('POST', '/api/incidents', input);
  }
  async listIncidents(openOnly: boolean) {
    return (await this.call<{ incidents: Incident[] }>('GET', `/api/incidents?open=${openOnly}`)).incidents;
  }
  showIncident(id: string) {
    return this.call<Incident>('GET', `/api/incidents/${encodeURIComponent(id)}`);
  }
  updateIncident(id: string, patch: unknown) {
    return this.call<Incident>('PATCH', `/api/incidents/${encodeURIComponent(id)}`, patch);
  }
  evaluate(incidentId?: string) {
    return this.call<EvaluateRunSummary>('POST', `/api/evaluate${incidentId ? `?incident=${encodeURIComponent(incidentId)}` : ''}`);
  }
  recovery(id: string) {
    return this.call<Recovery>('GET', `/api/incidents/${encodeURIComponent(id)}/recovery`);
  }
  suspects() {
    return this.call<SuspectList>('GET', '/api/suspects');
  }
  declareSuspect(id: string, input: unknown) {
    return this.call<{ suspect: Suspect; incident: Incident }>('POST', `/api/suspects/${encodeURIComponent(id)}/declare`, JSON.stringify(input));
  }
  dismissSuspect(id: string, input: unknown) {
    return this.call<Suspect>('POST', `/api/suspects/${encodeURIComponent(id)}/dismiss`, JSON.stringify(input));
  }
  async listRules() {
    return (await this.call<{ rules: AlertRule[] }>('GET', '/api/alerts/rules')).rules;
  }
  createRule(input: unknown) {
    return this.call<AlertRule>('POST', '/api/alerts/rules', input);
  }
  async deleteRule(id: string) {
    await this.call<null>('DELETE', `/api/alerts/rules/${encodeURIComponent(id)}`);
  }
  alerts() {
    return this.call<AlertsOverview>('GET', '/api/alerts');
  }
  checkApology(id: string, draft: unknown) {
    return this.call<ApologyResult>('POST', `/api/incidents/${encodeURIComponent(id)}/apology/check`, draft);
  }
  async listAnnotations(id: string) {
    return (await this.call<{ annotations: Annotation[] }>('GET', `/api/incidents/${encodeURIComponent(id)}/annotations`)).annotations;
  }
  addAnnotation(id: string, input: unknown) {
    return this.call<Annotation>('POST', `/api/incidents/${encodeURIComponent(id)}/annotations`, input);
  }
  audience(id: string) {
    return this.call<AudienceSummary>('GET', `/api/incidents/${encodeURIComponent(id)}/audience`);
  }
  async uploadList(id: string, list: RecipientList, text: string) {
    // A rejected list is an error here, never a result.
    return this.server.json<ListUploadResult>('PUT', `/api/incidents/${encodeURIComponent(id)}/lists/${list}`, { data: text, type: 'text/csv' });
  }
  async exportAudience(id: string, write: (chunk: string) => Promise<void>) {
    const res = await this.server.request('GET', `/api/incidents/${encodeURIComponent(id)}/audience.csv`);
    if (!res.ok || !res.body) await this.server.fail(res);
    const decoder = new TextDecoder();
    for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) await write(decoder.decode(bytes, { stream: true }));
    const rest = decoder.decode();
    if (rest) await write(rest);
  }
  check(repair: boolean) {
    return this.call<StoreCheckReport>('POST', '/api/store/check', { repair, full: true });
  }
  close() {}
}
