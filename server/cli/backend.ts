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
import { rawBody, unchecked, type ApiClient } from '#shared/api/client.ts';
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

/** Talks to a running `rebound serve` on this machine through the API client, with the credential it left beside the store. */
export class RemoteBackend implements Backend {
  private readonly api: ApiClient;
  constructor(private readonly server: LocalServer) {
    this.api = server.api;
  }
  get where() {
    return this.server.where;
  }

  async ingest(path: string, opts: IngestOptions): Promise<IngestResultBody> {
    try {
      if (!statSync(path).isFile()) throw new Error();
    } catch {
      throw new IngestError(path, 'no such file, or it cannot be read');
    }
    const query = {
      name: basename(path), skip_bad: opts.skipBad ? 'true' as const : 'false' as const,
      ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.format ? { format: opts.format } : {}),
    };
    // Streamed, as the store itself reads it: a large file is never held in memory.
    const file = createReadStream(path) as unknown as BodyInit;
    try {
      return await this.server.ok(this.api.POST('/api/ingest', { params: { query }, ...rawBody('application/octet-stream', file) }));
    } catch (err) {
      // A refused file is a result like a stored one: every rejected record is listed, as on the store itself.
      if (err instanceof ApiError && err.code === 'rejected') return err.details as IngestResultBody;
      throw err;
    }
  }
  createIncident(input: unknown) {
    return this.server.ok(this.api.POST('/api/incidents', { body: unchecked(input) }));
  }
  async listIncidents(openOnly: boolean) {
    return (await this.server.ok(this.api.GET('/api/incidents', { params: { query: { open: openOnly ? 'true' : 'false' } } }))).incidents;
  }
  showIncident(id: string) {
    return this.server.ok(this.api.GET('/api/incidents/{id}', { params: { path: { id } } }));
  }
  updateIncident(id: string, patch: unknown) {
    return this.server.ok(this.api.PATCH('/api/incidents/{id}', { params: { path: { id } }, body: unchecked(patch) }));
  }
  evaluate(incidentId?: string) {
    return this.server.ok(this.api.POST('/api/evaluate', { params: { query: incidentId ? { incident: incidentId } : {} } }));
  }
  recovery(id: string) {
    return this.server.ok(this.api.GET('/api/incidents/{id}/recovery', { params: { path: { id } } }));
  }
  suspects() {
    return this.server.ok(this.api.GET('/api/suspects'));
  }
  declareSuspect(id: string, input: unknown) {
    return this.server.ok(this.api.POST('/api/suspects/{id}/declare', { params: { path: { id } }, body: unchecked(input) }));
  }
  dismissSuspect(id: string, input: unknown) {
    return this.server.ok(this.api.POST('/api/suspects/{id}/dismiss', { params: { path: { id } }, body: unchecked(input) }));
  }
  async listRules() {
    return (await this.server.ok(this.api.GET('/api/alerts/rules'))).rules;
  }
  createRule(input: unknown) {
    return this.server.ok(this.api.POST('/api/alerts/rules', { body: unchecked(input) }));
  }
  async deleteRule(id: string) {
    await this.server.ok(this.api.DELETE('/api/alerts/rules/{id}', { params: { path: { id } } }));
  }
  alerts() {
    return this.server.ok(this.api.GET('/api/alerts'));
  }
  checkApology(id: string, draft: unknown) {
    return this.server.ok(this.api.POST('/api/incidents/{id}/apology/check', { params: { path: { id } }, body: unchecked(draft) }));
  }
  async listAnnotations(id: string) {
    return (await this.server.ok(this.api.GET('/api/incidents/{id}/annotations', { params: { path: { id } } }))).annotations;
  }
  addAnnotation(id: string, input: unknown) {
    return this.server.ok(this.api.POST('/api/incidents/{id}/annotations', { params: { path: { id } }, body: unchecked(input) }));
  }
  audience(id: string) {
    return this.server.ok(this.api.GET('/api/incidents/{id}/audience', { params: { path: { id } } }));
  }
  uploadList(id: string, list: RecipientList, text: string) {
    // A rejected list is an error here, never a result.
    return this.server.ok(this.api.PUT('/api/incidents/{id}/lists/{list}', { params: { path: { id, list } }, ...rawBody('text/csv', text) }));
  }
  async exportAudience(id: string, write: (chunk: string) => Promise<void>) {
    const { data } = await this.server.okFile(this.api.GET('/api/incidents/{id}/audience.csv', { params: { path: { id } }, parseAs: 'stream' }));
    if (!data) throw new ApiError('internal', 'the server answered the audience export without a body');
    const decoder = new TextDecoder();
    for await (const bytes of data as unknown as AsyncIterable<Uint8Array>) await write(decoder.decode(bytes, { stream: true }));
    const rest = decoder.decode();
    if (rest) await write(rest);
  }
  check(repair: boolean) {
    return this.server.ok(this.api.POST('/api/store/check', { body: { repair, full: true } }));
  }
  close() {}
}
