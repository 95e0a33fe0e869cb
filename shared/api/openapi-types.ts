// GENERATED from the app's OpenAPI description (/api/openapi.json) by `npm run api:types` (scripts/api-types.ts,
// openapi-typescript). Do not edit: change the route's definition in server/routes/ and run it again.
// test/integration/api-client.test.ts fails while this file differs from what the server describes.
export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and store check; needs no token */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open and recent incidents */
        get: operations["listIncidents"];
        put?: never;
        /** Declare an incident */
        post: operations["createIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One incident with its checklist */
        get: operations["getIncident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update fields, containment/resolution times, or checklist steps */
        patch: operations["updateIncident"];
        trace?: never;
    };
    "/api/ingest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Load a file of events, send summaries or seed tests (docs/data-formats.md)
         * @description Send the file as the raw body (application/x-ndjson or text/csv) or as the field `file` of a multipart/form-data upload. Kind and format are detected from the header or first record; `kind` and `format` override. A bad record rejects the whole file unless skip_bad=true.
         */
        post: operations["ingestFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Load a JSON batch of events (docs/data-formats.md) */
        post: operations["ingestEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent ingests and pulls with their results */
        get: operations["listIngestRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The recovery of one incident: every series against its baseline, dips, status, time to recover */
        get: operations["getRecovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the evaluation now (every due incident, or one) and, for a full run, the watch over every stream */
        post: operations["evaluateRecovery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored weekly reports, newest week first */
        get: operations["listReports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/{week}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One week's recovery report: the stored one, or built now from the store for this answer (a GET stores nothing)
         * @description Weeks before 2000, before the earliest data in the store, or not yet started are a 400. PDF renders run one at a time; when several are already waiting the answer is 503 (try again shortly).
         */
        get: operations["getReport"];
        put?: never;
        /** Build one week's report in HTML, CSV and PDF and store it (a finished week; a week under way is built but not kept) */
        post: operations["buildReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Firing alerts and recent notifications with delivery status */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert rules */
        get: operations["listAlertRules"];
        put?: never;
        /** Create an alert rule (admin) */
        post: operations["createAlertRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert channels and whether each is configured */
        get: operations["listAlertChannels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an alert rule (admin) */
        delete: operations["deleteAlertRule"];
        options?: never;
        head?: never;
        /** Change an alert rule (admin) */
        patch: operations["updateAlertRule"];
        trace?: never;
    };
    "/api/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Emails and their delivery status */
        get: operations["listOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/data/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Streams, providers, date range of sends, row counts and the latest ingest run */
        get: operations["getDataSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The role of the presented token (admin for local use without REBOUND_TOKENS) */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/apology/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check an apology draft against the playbook (clear subject, real sender, apology, protective steps, no jokes or weasel words, branded template)
         * @description Send the draft as JSON `{ from, reply_to, subject, text, html, personal_data_exposed? }` or as a raw RFC 5322 message (Content-Type: message/rfc822, with `?personal_data_exposed=true` if it applies). Personal data counts as exposed for a data_breach incident. Verdict: block if any finding blocks, else warn if any warns, else ok.
         */
        post: operations["checkApology"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/annotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An incident's timeline annotations, in time order */
        get: operations["listAnnotations"];
        put?: never;
        /** Add a timeline annotation (editor) */
        post: operations["createAnnotation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/annotations/{annotationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a timeline annotation (editor) */
        delete: operations["deleteAnnotation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/audience": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whom the incident reached: recipients of its sends, minus bounces, minus the suppression list; and whether the apology list or send stays within it */
        get: operations["getAudience"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/audience.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The affected audience as CSV (one `recipient` column): the list to send the apology to. Personal data: needs the editor role. */
        get: operations["getAudienceCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/lists/{list}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the incident's suppression or apology recipient list
         * @description The raw body (text/csv or text/plain): one recipient per line, or CSV whose header names a recipient, email, email_address or address column. A bad line rejects the upload and keeps the list as it was.
         */
        put: operations["putRecipientList"];
        post?: never;
        /** Forget an uploaded recipient list */
        delete: operations["deleteRecipientList"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{esp}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * ESP event webhook: sendgrid, ses (via SNS), mailgun, sparkpost or postmark
         * @description Authenticated by the ESP's own signature (SendGrid ECDSA, SNS message signature, Mailgun HMAC with a one-time token, SparkPost and Postmark basic auth), not by a Rebound token. Answered once the post is on disk in the store's journal; its events are in the store moments later (reads made after the answer see them). Events Rebound cannot use are kept in the quarantine (GET /api/quarantine) with their reason.
         */
        post: operations["receiveWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{esp}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A saved ESP payload, read and stored as if the ESP had posted it (no ESP signature; editor token) */
        post: operations["replayWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Quarantined webhook events: counts by ESP and reason, and the newest events as received (editor: they may hold addresses) */
        get: operations["listQuarantine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quarantine/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reads quarantined events again with today's mapping and settings; usable ones move into the store (idempotent) */
        post: operations["replayQuarantine"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pulled and pushed sources: last run, watermark, rows, errors */
        get: operations["listSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sources/compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gmail Postmaster Tools compliance status per domain and requirement (domains needing work first) */
        get: operations["listDomainCompliance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sources/snds-ip-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Microsoft SNDS IP status list: listed IP ranges, blocked or not, with reason and streams */
        get: operations["getSndsIpStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sources/{name}/pull": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a pull now (admin) */
        post: operations["pullSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/store/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the store's invariants (runs, events, send roll-ups, alerts), and with repair put right what is found (admin) */
        post: operations["checkStore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-minute ticket that opens the event stream (any role; EventSource cannot send a bearer token) */
        post: operations["createEventTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: `snapshot` on connect, then `change` { kinds, snapshot } when an evaluation, ingest, pull, incident or alert changes */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suspects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Suspected incidents: dips no declared incident explains, open first, with the watch's last run */
        get: operations["listSuspects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suspects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One suspected incident with its evidence series */
        get: operations["getSuspect"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suspects/{id}/declare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare a suspect as an incident: occurred_at its first dip, its streams and providers (editor) */
        post: operations["declareSuspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suspects/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismiss a suspect, saying who and why (editor) */
        post: operations["dismissSuspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up, and the store answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                open?: "true" | "false";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Incidents, open first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incidents: {
                            id: string;
                            title: string;
                            /** @enum {string} */
                            kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                            /** @enum {string} */
                            severity: "low" | "medium" | "high" | "critical";
                            occurred_at: string;
                            contained_at: string | null;
                            resolved_at: string | null;
                            streams: string[];
                            providers: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                            baseline_days: number;
                            monitor_days: number;
                            notes: string | null;
                            checklist: {
                                /** @enum {string} */
                                step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                                label: string;
                                kind_specific: boolean;
                                owner: string | null;
                                due_at: string | null;
                                done_at: string | null;
                            }[];
                            send_ids: string[];
                            apology_send_id: string | null;
                            demo: boolean;
                            created_at: string;
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createIncident: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    /** @enum {string} */
                    kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                    /** @enum {string} */
                    severity: "low" | "medium" | "high" | "critical";
                    /** Format: date-time */
                    occurred_at: string;
                    streams: string[];
                    providers?: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[];
                    /** @default 28 */
                    baseline_days?: number;
                    /** @default 30 */
                    monitor_days?: number;
                    notes?: string;
                    /** Format: date-time */
                    contained_at?: string;
                    /** Format: date-time */
                    resolved_at?: string;
                    send_ids?: string[];
                    apology_send_id?: string;
                    /** @default false */
                    demo?: boolean;
                };
            };
        };
        responses: {
            /** @description The incident, with its id */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        /** @enum {string} */
                        kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                        /** @enum {string} */
                        severity: "low" | "medium" | "high" | "critical";
                        occurred_at: string;
                        contained_at: string | null;
                        resolved_at: string | null;
                        streams: string[];
                        providers: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                        baseline_days: number;
                        monitor_days: number;
                        notes: string | null;
                        checklist: {
                            /** @enum {string} */
                            step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                            label: string;
                            kind_specific: boolean;
                            owner: string | null;
                            due_at: string | null;
                            done_at: string | null;
                        }[];
                        send_ids: string[];
                        apology_send_id: string | null;
                        demo: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The incident */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        /** @enum {string} */
                        kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                        /** @enum {string} */
                        severity: "low" | "medium" | "high" | "critical";
                        occurred_at: string;
                        contained_at: string | null;
                        resolved_at: string | null;
                        streams: string[];
                        providers: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                        baseline_days: number;
                        monitor_days: number;
                        notes: string | null;
                        checklist: {
                            /** @enum {string} */
                            step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                            label: string;
                            kind_specific: boolean;
                            owner: string | null;
                            due_at: string | null;
                            done_at: string | null;
                        }[];
                        send_ids: string[];
                        apology_send_id: string | null;
                        demo: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    updateIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    /** @enum {string} */
                    kind?: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                    /** @enum {string} */
                    severity?: "low" | "medium" | "high" | "critical";
                    /** Format: date-time */
                    occurred_at?: string;
                    streams?: string[];
                    providers?: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                    baseline_days?: number;
                    monitor_days?: number;
                    notes?: string | null;
                    /** Format: date-time */
                    contained_at?: string | null;
                    /** Format: date-time */
                    resolved_at?: string | null;
                    send_ids?: string[];
                    apology_send_id?: string | null;
                    checklist?: {
                        /** @enum {string} */
                        step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                        owner?: string | null;
                        /** Format: date-time */
                        due_at?: string | null;
                        /** Format: date-time */
                        done_at?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description The updated incident */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        title: string;
                        /** @enum {string} */
                        kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                        /** @enum {string} */
                        severity: "low" | "medium" | "high" | "critical";
                        occurred_at: string;
                        contained_at: string | null;
                        resolved_at: string | null;
                        streams: string[];
                        providers: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                        baseline_days: number;
                        monitor_days: number;
                        notes: string | null;
                        checklist: {
                            /** @enum {string} */
                            step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                            label: string;
                            kind_specific: boolean;
                            owner: string | null;
                            due_at: string | null;
                            done_at: string | null;
                        }[];
                        send_ids: string[];
                        apology_send_id: string | null;
                        demo: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    ingestFile: {
        parameters: {
            query?: {
                kind?: "events" | "sends" | "seeds" | "reputation";
                format?: "ndjson" | "csv";
                skip_bad?: "true" | "false";
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-ndjson": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description Stored (or partly, with skip_bad) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: string;
                        run_id: number;
                        /** @enum {string|null} */
                        kind: "events" | "sends" | "seeds" | "reputation" | null;
                        /** @enum {string|null} */
                        format: "ndjson" | "csv" | null;
                        /** @enum {string} */
                        status: "stored" | "partial" | "rejected";
                        read: number;
                        stored: number;
                        duplicate: number;
                        rejected: number;
                        rejections: {
                            line: number;
                            reason: string;
                        }[];
                        rejections_not_listed: number;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Records rejected; nothing stored (details list every line and reason) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: {
                                source: string;
                                run_id: number;
                                /** @enum {string|null} */
                                kind: "events" | "sends" | "seeds" | "reputation" | null;
                                /** @enum {string|null} */
                                format: "ndjson" | "csv" | null;
                                /** @enum {string} */
                                status: "stored" | "partial" | "rejected";
                                read: number;
                                stored: number;
                                duplicate: number;
                                rejected: number;
                                rejections: {
                                    line: number;
                                    reason: string;
                                }[];
                                rejections_not_listed: number;
                            };
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    ingestEvents: {
        parameters: {
            query?: {
                skip_bad?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: {
                        [key: string]: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description Stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        source: string;
                        run_id: number;
                        /** @enum {string|null} */
                        kind: "events" | "sends" | "seeds" | "reputation" | null;
                        /** @enum {string|null} */
                        format: "ndjson" | "csv" | null;
                        /** @enum {string} */
                        status: "stored" | "partial" | "rejected";
                        read: number;
                        stored: number;
                        duplicate: number;
                        rejected: number;
                        rejections: {
                            line: number;
                            reason: string;
                        }[];
                        rejections_not_listed: number;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Records rejected; nothing stored (details list every line and reason) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: {
                                source: string;
                                run_id: number;
                                /** @enum {string|null} */
                                kind: "events" | "sends" | "seeds" | "reputation" | null;
                                /** @enum {string|null} */
                                format: "ndjson" | "csv" | null;
                                /** @enum {string} */
                                status: "stored" | "partial" | "rejected";
                                read: number;
                                stored: number;
                                duplicate: number;
                                rejected: number;
                                rejections: {
                                    line: number;
                                    reason: string;
                                }[];
                                rejections_not_listed: number;
                            };
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listIngestRuns: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runs: {
                            id: number;
                            source: string;
                            kind: string | null;
                            format: string | null;
                            started_at: string;
                            finished_at: string;
                            /** @enum {string} */
                            status: "stored" | "partial" | "rejected" | "failed";
                            rows_read: number;
                            rows_stored: number;
                            rows_duplicate: number;
                            rows_rejected: number;
                            error: string | null;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getRecovery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recovery JSON (docs/data-formats.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: {
                            id: string;
                            title: string;
                            /** @enum {string} */
                            kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                            /** @enum {string} */
                            severity: "low" | "medium" | "high" | "critical";
                            occurred_at: string;
                            contained_at: string | null;
                            resolved_at: string | null;
                            streams: string[];
                            providers: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                            baseline_days: number;
                            monitor_days: number;
                            notes: string | null;
                            checklist: {
                                /** @enum {string} */
                                step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                                label: string;
                                kind_specific: boolean;
                                owner: string | null;
                                due_at: string | null;
                                done_at: string | null;
                            }[];
                            send_ids: string[];
                            apology_send_id: string | null;
                            demo: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                        /** @enum {string} */
                        status: "insufficient_data" | "unaffected" | "degraded" | "recovering" | "recovered";
                        /** Format: date-time */
                        evaluated_at: string;
                        series: {
                            /** @enum {string} */
                            metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits";
                            stream: string;
                            provider: string;
                            /** @enum {string} */
                            status: "insufficient_data" | "unaffected" | "degraded" | "recovering" | "recovered";
                            baseline: {
                                /** Format: date-time */
                                from: string;
                                /** Format: date-time */
                                to: string;
                                observations: number;
                                rate: number | null;
                                lower: number | null;
                                upper: number | null;
                            };
                            /** Format: date-time */
                            first_dip_at: string | null;
                            /** Format: date-time */
                            recovered_at: string | null;
                            time_to_recover_hours: number | null;
                            points: {
                                send_id: string | null;
                                /** Format: date-time */
                                at: string;
                                numerator: number | null;
                                denominator: number | null;
                                value: number;
                                lower: number | null;
                                upper: number | null;
                                p_value: number | null;
                                q_value: number | null;
                                /** @enum {string} */
                                verdict: "ok" | "dip" | "severe";
                                provisional: boolean;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    evaluateRecovery: {
        parameters: {
            query?: {
                incident?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was evaluated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        evaluated: {
                            id: string;
                            status: string;
                        }[];
                        failed: {
                            id: string;
                            error: string;
                        }[];
                        alerts: {
                            notifications: number;
                            emails: number;
                            posts: number;
                            unaddressed: number;
                        };
                        watch: {
                            evaluated_at: string;
                            from: string;
                            to: string;
                            baseline_from: string;
                            watched: number;
                            tested: number;
                            dipped: number;
                            raised: string[];
                            open: string[];
                        } | null;
                        watchError: string | null;
                        delivery: {
                            sent: number;
                            retrying: number;
                            failed: number;
                        };
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listReports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reports (one entry per week × format) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        reports: {
                            week: string;
                            format: string;
                            time_zone: string;
                            generated_at: string;
                            content_type: string;
                            size: number;
                            url: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getReport: {
        parameters: {
            query?: {
                format?: "html" | "csv" | "pdf" | "json";
                /** @description PDF paper size */
                paper?: "a4" | "letter";
                /** @description rebuild from the current data */
                refresh?: "true" | "false";
            };
            header?: never;
            path: {
                /** @description ISO 8601 week, YYYY-Www */
                week: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report file, with Content-Disposition naming it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "text/csv": string;
                    "application/pdf": string;
                    "application/json": string;
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    buildReport: {
        parameters: {
            query?: {
                /** @description rebuild from the current data */
                refresh?: "true" | "false";
            };
            header?: never;
            path: {
                /** @description ISO 8601 week, YYYY-Www */
                week: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was built, and whether it was stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        week: string;
                        stored: boolean;
                        files: {
                            format: string;
                            size: number;
                            url: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alerts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        firing: {
                            rule_id: string;
                            incident_id: string;
                            metric: string;
                            stream: string;
                            provider: string;
                            /** @enum {string} */
                            state: "pending" | "firing" | "resolved";
                            since: string;
                            last_notified_at: string | null;
                            value: number | null;
                        }[];
                        notifications: {
                            id: number;
                            rule_id: string;
                            rule_name: string;
                            incident_id: string;
                            metric: string;
                            stream: string;
                            provider: string;
                            /** @enum {string} */
                            kind: "firing" | "reminder" | "resolved";
                            at: string;
                            value: number | null;
                            baseline: number | null;
                            threshold: number | null;
                            numerator: number | null;
                            denominator: number | null;
                            since: string;
                            outbox_id: string | null;
                            /** @enum {string} */
                            delivery: "pending" | "sent" | "failed" | "not_sent";
                            deliveries: {
                                /** @enum {string} */
                                channel: "email" | "webhook" | "slack";
                                to: string;
                                /** @enum {string} */
                                status: "pending" | "sent" | "failed";
                            }[];
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listAlertRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rules, built-in first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rules: {
                            id: string;
                            name: string;
                            /** @enum {string|null} */
                            metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits" | null;
                            streams: string[] | null;
                            providers: string[] | null;
                            /** @enum {string} */
                            condition: "threshold" | "dip" | "severe";
                            threshold: number | null;
                            consecutive: number;
                            recipients: string[] | null;
                            repeat_hours: number;
                            enabled: boolean;
                            channels: ("email" | "webhook" | "slack")[] | null;
                            builtin: boolean;
                            created_at: string;
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @default null
                     * @enum {string|null}
                     */
                    metric?: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits" | null;
                    /** @default null */
                    streams?: string[] | null;
                    /** @default null */
                    providers?: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                    /** @enum {string} */
                    condition: "threshold" | "dip" | "severe";
                    /** @default null */
                    threshold?: number | null;
                    /** @default 1 */
                    consecutive?: number;
                    /** @default null */
                    recipients?: string[] | null;
                    /** @default 24 */
                    repeat_hours?: number;
                    /** @default true */
                    enabled?: boolean;
                    /** @default null */
                    channels?: ("email" | "webhook" | "slack")[] | null;
                };
            };
        };
        responses: {
            /** @description The rule */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string|null} */
                        metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits" | null;
                        streams: string[] | null;
                        providers: string[] | null;
                        /** @enum {string} */
                        condition: "threshold" | "dip" | "severe";
                        threshold: number | null;
                        consecutive: number;
                        recipients: string[] | null;
                        repeat_hours: number;
                        enabled: boolean;
                        channels: ("email" | "webhook" | "slack")[] | null;
                        builtin: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listAlertChannels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description email, webhook, slack */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: {
                            /** @enum {string} */
                            channel: "email" | "webhook" | "slack";
                            configured: boolean;
                            labels: string[];
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    updateAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string|null} */
                    metric?: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits" | null;
                    streams?: string[] | null;
                    providers?: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                    /** @enum {string} */
                    condition?: "threshold" | "dip" | "severe";
                    threshold?: number | null;
                    consecutive?: number;
                    recipients?: string[] | null;
                    repeat_hours?: number;
                    enabled?: boolean;
                    channels?: ("email" | "webhook" | "slack")[] | null;
                };
            };
        };
        responses: {
            /** @description The rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string|null} */
                        metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits" | null;
                        streams: string[] | null;
                        providers: string[] | null;
                        /** @enum {string} */
                        condition: "threshold" | "dip" | "severe";
                        threshold: number | null;
                        consecutive: number;
                        recipients: string[] | null;
                        repeat_hours: number;
                        enabled: boolean;
                        channels: ("email" | "webhook" | "slack")[] | null;
                        builtin: boolean;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listOutbox: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            id: string;
                            /** @enum {string} */
                            channel: "email" | "webhook" | "slack";
                            message_id: string;
                            recipients: string[];
                            subject: string;
                            /** @enum {string} */
                            status: "pending" | "sent" | "failed";
                            attempts: number;
                            created_at: string;
                            next_attempt_at: string | null;
                            sent_at: string | null;
                            last_error: string | null;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getDataSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the store holds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        streams: {
                            stream: string;
                            providers: string[];
                            sends: number;
                            first_sent_at: string | null;
                            last_sent_at: string | null;
                        }[];
                        providers: string[];
                        sends_from: string | null;
                        sends_to: string | null;
                        counts: {
                            send_rows: number;
                            sends: number;
                            events: number;
                            seed_tests: number;
                            incidents: number;
                            ingest_runs: number;
                        };
                        last_run: {
                            id: number;
                            source: string;
                            kind: string | null;
                            format: string | null;
                            started_at: string;
                            finished_at: string;
                            /** @enum {string} */
                            status: "stored" | "partial" | "rejected" | "failed";
                            rows_read: number;
                            rows_stored: number;
                            rows_duplicate: number;
                            rows_rejected: number;
                            error: string | null;
                        } | null;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "viewer" | "editor" | "admin";
                        tokens_required: boolean;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    checkApology: {
        parameters: {
            query?: {
                personal_data_exposed?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    from: string;
                    reply_to?: string | null;
                    /** @default  */
                    subject?: string;
                    text?: string | null;
                    html?: string | null;
                    personal_data_exposed?: boolean;
                };
                "message/rfc822": string;
            };
        };
        responses: {
            /** @description The verdict and one finding per rule that fired, with the quoted evidence and the fix */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        verdict: "ok" | "warn" | "block";
                        languages: string[];
                        findings: {
                            /** @enum {string} */
                            rule: "suppression_list_send" | "audience" | "no_reply" | "apology" | "protective_steps" | "subject" | "humour" | "weasel_words" | "branded_template";
                            /** @enum {string} */
                            severity: "info" | "warn" | "block";
                            evidence: string;
                            fix: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listAnnotations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Annotations, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        annotations: {
                            id: string;
                            incident_id: string;
                            at: string;
                            /** @enum {string} */
                            kind: "campaign_paused" | "apology_sent" | "provider_ticket" | "fix_deployed" | "other";
                            label: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createAnnotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    at: string;
                    /** @enum {string} */
                    kind: "campaign_paused" | "apology_sent" | "provider_ticket" | "fix_deployed" | "other";
                    label: string;
                };
            };
        };
        responses: {
            /** @description The annotation, with its id */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        incident_id: string;
                        at: string;
                        /** @enum {string} */
                        kind: "campaign_paused" | "apology_sent" | "provider_ticket" | "fix_deployed" | "other";
                        label: string;
                        created_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteAnnotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                annotationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getAudience: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The affected audience in counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: string;
                        /** @enum {string} */
                        sends_from: "named" | "window";
                        sends: {
                            send_id: string;
                            stream: string | null;
                            sent_at: string | null;
                            injected: number;
                        }[];
                        recipients: number;
                        bounced: number;
                        suppressed: number;
                        affected: number;
                        events_without_recipient: number;
                        lists: {
                            suppression: {
                                recipients: number;
                                uploaded_at: string;
                            } | null;
                            apology: {
                                recipients: number;
                                uploaded_at: string;
                            } | null;
                        };
                        apology_list: {
                            recipients: number;
                            outside: number;
                            examples: string[];
                        } | null;
                        apology_send: {
                            recipients: number;
                            outside: number;
                            examples: string[];
                            send_id: string;
                        } | null;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getAudienceCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV, one recipient per row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    putRecipientList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                list: "suppression" | "apology";
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            /** @description Stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        list: "suppression" | "apology";
                        recipients: number;
                        duplicates: number;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Lines rejected; the list is unchanged (details list every line and reason) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    deleteRecipientList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                list: "suppression" | "apology";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    receiveWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                esp: string;
            };
            cookie?: never;
        };
        /** @description The ESP's post, byte for byte */
        requestBody: {
            content: {
                "*/*": string;
            };
        };
        responses: {
            /** @description On disk: each event to be stored once by identity (a redelivery changes nothing), or quarantined with a reason */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        esp: string;
                        received: number;
                        ignored: number;
                        accepted: number;
                        quarantined: number;
                        stored?: number;
                        duplicate?: number;
                        rejections: {
                            line: number;
                            reason: string;
                        }[];
                        defaulted: string[];
                        /** @enum {string} */
                        subscription?: "confirmed" | "recorded";
                    };
                };
            };
            /** @description Not this ESP's payload; nothing stored */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Bad, missing, stale or replayed signature (the message says which); nothing stored */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description No such ESP, or its key is not configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    replayWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                esp: string;
            };
            cookie?: never;
        };
        /** @description The ESP's post, byte for byte */
        requestBody: {
            content: {
                "*/*": string;
            };
        };
        responses: {
            /** @description Stored (the answer waits for the load and counts what was new), or quarantined with a reason */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        esp: string;
                        received: number;
                        ignored: number;
                        accepted: number;
                        quarantined: number;
                        stored?: number;
                        duplicate?: number;
                        rejections: {
                            line: number;
                            reason: string;
                        }[];
                        defaulted: string[];
                        /** @enum {string} */
                        subscription?: "confirmed" | "recorded";
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listQuarantine: {
        parameters: {
            query?: {
                esp?: string;
                limit?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quarantine */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        total: number;
                        counts: {
                            esp: string;
                            reason: string;
                            count: number;
                            last_received_at: string;
                        }[];
                        events: {
                            id: number;
                            esp: string;
                            reason: string;
                            received_at: string;
                            payload: unknown;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    replayQuarantine: {
        parameters: {
            query?: {
                esp?: string;
                ids?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the replay did */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replayed: number;
                        stored: number;
                        duplicate: number;
                        ignored: number;
                        still_quarantined: number;
                        reasons: {
                            id: number;
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listSources: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Configured sources first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sources: {
                            source: string;
                            /** @enum {string} */
                            kind: "pull" | "webhook" | "file";
                            configured: boolean;
                            schedule: string | null;
                            watermark: string | null;
                            last_run_at: string | null;
                            last_ok_at: string | null;
                            last_rows: number;
                            total_rows: number;
                            runs: number;
                            failures: number;
                            last_error: string | null;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listDomainCompliance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The last pulled status of each domain */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        domains: {
                            domain: string;
                            /** @enum {string} */
                            overall: "compliant" | "needs_work" | "unknown";
                            checked_at: string;
                            requirements: {
                                /** @enum {string} */
                                scope: "domain" | "subdomain";
                                scope_domain: string | null;
                                requirement: string;
                                status: string;
                                reason: string | null;
                                since: string;
                                checked_at: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getSndsIpStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Blocked ranges first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checked_at: string | null;
                        ranges: {
                            first_ip: string;
                            last_ip: string;
                            blocked: boolean;
                            reason: string | null;
                            first_seen_at: string;
                            checked_at: string;
                            streams: string[];
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    pullSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pull ran */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        summaries: string[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    checkStore: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default false */
                    repair?: boolean;
                    /** @default true */
                    full?: boolean;
                };
            };
        };
        responses: {
            /** @description What was found, and whether it was put right */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        scope: "open" | "full";
                        ok: boolean;
                        findings: {
                            /** @enum {string} */
                            check: "unfinished_run" | "orphan_events" | "send_rollup" | "alert_outbox" | "alert_rule" | "index_rebuilt";
                            count: number;
                            message: string;
                            repaired: boolean;
                        }[];
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    createEventTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ticket: string;
                        expires_at: string;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                ticket?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    listSuspects: {
        parameters: {
            query?: {
                status?: "open" | "declared" | "dismissed";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Suspects and the last run of the watch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        suspects: {
                            id: string;
                            first_seen_at: string;
                            last_seen_at: string;
                            streams: string[];
                            providers: string[];
                            metrics: ("hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits")[];
                            summary: string;
                            evidence: {
                                /** @enum {string} */
                                metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits";
                                stream: string;
                                provider: string;
                                /** @enum {string} */
                                status: "insufficient_data" | "unaffected" | "degraded" | "recovering" | "recovered";
                                baseline: {
                                    /** Format: date-time */
                                    from: string;
                                    /** Format: date-time */
                                    to: string;
                                    observations: number;
                                    rate: number | null;
                                    lower: number | null;
                                    upper: number | null;
                                };
                                /** Format: date-time */
                                first_dip_at: string | null;
                                /** Format: date-time */
                                recovered_at: string | null;
                                time_to_recover_hours: number | null;
                                points: {
                                    send_id: string | null;
                                    /** Format: date-time */
                                    at: string;
                                    numerator: number | null;
                                    denominator: number | null;
                                    value: number;
                                    lower: number | null;
                                    upper: number | null;
                                    p_value: number | null;
                                    q_value: number | null;
                                    /** @enum {string} */
                                    verdict: "ok" | "dip" | "severe";
                                    provisional: boolean;
                                }[];
                            }[];
                            /** @enum {string} */
                            status: "open" | "declared" | "dismissed";
                            detected_at: string;
                            updated_at: string;
                            incident_id: string | null;
                            declared_at: string | null;
                            dismissed: {
                                by: string;
                                reason: string;
                                at: string;
                            } | null;
                        }[];
                        last_run: {
                            evaluated_at: string;
                            from: string;
                            to: string;
                            baseline_from: string;
                            watched: number;
                            tested: number;
                            dipped: number;
                        } | null;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    getSuspect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The suspect */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        first_seen_at: string;
                        last_seen_at: string;
                        streams: string[];
                        providers: string[];
                        metrics: ("hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits")[];
                        summary: string;
                        evidence: {
                            /** @enum {string} */
                            metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits";
                            stream: string;
                            provider: string;
                            /** @enum {string} */
                            status: "insufficient_data" | "unaffected" | "degraded" | "recovering" | "recovered";
                            baseline: {
                                /** Format: date-time */
                                from: string;
                                /** Format: date-time */
                                to: string;
                                observations: number;
                                rate: number | null;
                                lower: number | null;
                                upper: number | null;
                            };
                            /** Format: date-time */
                            first_dip_at: string | null;
                            /** Format: date-time */
                            recovered_at: string | null;
                            time_to_recover_hours: number | null;
                            points: {
                                send_id: string | null;
                                /** Format: date-time */
                                at: string;
                                numerator: number | null;
                                denominator: number | null;
                                value: number;
                                lower: number | null;
                                upper: number | null;
                                p_value: number | null;
                                q_value: number | null;
                                /** @enum {string} */
                                verdict: "ok" | "dip" | "severe";
                                provisional: boolean;
                            }[];
                        }[];
                        /** @enum {string} */
                        status: "open" | "declared" | "dismissed";
                        detected_at: string;
                        updated_at: string;
                        incident_id: string | null;
                        declared_at: string | null;
                        dismissed: {
                            by: string;
                            reason: string;
                            at: string;
                        } | null;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    declareSuspect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    title?: string;
                    /** @enum {string} */
                    kind?: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                    /** @enum {string} */
                    severity?: "low" | "medium" | "high" | "critical";
                    notes?: string;
                    owner?: string;
                };
            };
        };
        responses: {
            /** @description The suspect, now declared, and the incident */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        suspect: {
                            id: string;
                            first_seen_at: string;
                            last_seen_at: string;
                            streams: string[];
                            providers: string[];
                            metrics: ("hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits")[];
                            summary: string;
                            evidence: {
                                /** @enum {string} */
                                metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits";
                                stream: string;
                                provider: string;
                                /** @enum {string} */
                                status: "insufficient_data" | "unaffected" | "degraded" | "recovering" | "recovered";
                                baseline: {
                                    /** Format: date-time */
                                    from: string;
                                    /** Format: date-time */
                                    to: string;
                                    observations: number;
                                    rate: number | null;
                                    lower: number | null;
                                    upper: number | null;
                                };
                                /** Format: date-time */
                                first_dip_at: string | null;
                                /** Format: date-time */
                                recovered_at: string | null;
                                time_to_recover_hours: number | null;
                                points: {
                                    send_id: string | null;
                                    /** Format: date-time */
                                    at: string;
                                    numerator: number | null;
                                    denominator: number | null;
                                    value: number;
                                    lower: number | null;
                                    upper: number | null;
                                    p_value: number | null;
                                    q_value: number | null;
                                    /** @enum {string} */
                                    verdict: "ok" | "dip" | "severe";
                                    provisional: boolean;
                                }[];
                            }[];
                            /** @enum {string} */
                            status: "open" | "declared" | "dismissed";
                            detected_at: string;
                            updated_at: string;
                            incident_id: string | null;
                            declared_at: string | null;
                            dismissed: {
                                by: string;
                                reason: string;
                                at: string;
                            } | null;
                        };
                        incident: {
                            id: string;
                            title: string;
                            /** @enum {string} */
                            kind: "wrong_segment" | "broken_content" | "suppression_list_send" | "data_breach" | "duplicate_send" | "infrastructure" | "other";
                            /** @enum {string} */
                            severity: "low" | "medium" | "high" | "critical";
                            occurred_at: string;
                            contained_at: string | null;
                            resolved_at: string | null;
                            streams: string[];
                            providers: ("gmail" | "yahoo" | "microsoft" | "apple" | "other")[] | null;
                            baseline_days: number;
                            monitor_days: number;
                            notes: string | null;
                            checklist: {
                                /** @enum {string} */
                                step: "own_the_problem" | "put_out_the_fire" | "assess_the_damage" | "create_a_plan" | "inform_and_apologize" | "proceed_carefully" | "stop_the_campaign" | "security_lead_in_charge" | "legal_review" | "breach_notification" | "reapply_suppression" | "no_apology";
                                label: string;
                                kind_specific: boolean;
                                owner: string | null;
                                due_at: string | null;
                                done_at: string | null;
                            }[];
                            send_ids: string[];
                            apology_send_id: string | null;
                            demo: boolean;
                            created_at: string;
                            updated_at: string;
                        };
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The suspect is no longer open (declared or dismissed already) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
    dismissSuspect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    by: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The suspect, dismissed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        first_seen_at: string;
                        last_seen_at: string;
                        streams: string[];
                        providers: string[];
                        metrics: ("hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits")[];
                        summary: string;
                        evidence: {
                            /** @enum {string} */
                            metric: "hard_bounce_rate" | "block_rate" | "soft_bounce_rate" | "complaint_rate" | "unsubscribe_rate" | "inbox_placement_rate" | "spam_placement_rate" | "gmail_spam_rate" | "gmail_delivery_error_rate" | "domain_reputation" | "ip_reputation" | "snds_filter_result" | "snds_complaint_rate" | "spam_trap_hits";
                            stream: string;
                            provider: string;
                            /** @enum {string} */
                            status: "insufficient_data" | "unaffected" | "degraded" | "recovering" | "recovered";
                            baseline: {
                                /** Format: date-time */
                                from: string;
                                /** Format: date-time */
                                to: string;
                                observations: number;
                                rate: number | null;
                                lower: number | null;
                                upper: number | null;
                            };
                            /** Format: date-time */
                            first_dip_at: string | null;
                            /** Format: date-time */
                            recovered_at: string | null;
                            time_to_recover_hours: number | null;
                            points: {
                                send_id: string | null;
                                /** Format: date-time */
                                at: string;
                                numerator: number | null;
                                denominator: number | null;
                                value: number;
                                lower: number | null;
                                upper: number | null;
                                p_value: number | null;
                                q_value: number | null;
                                /** @enum {string} */
                                verdict: "ok" | "dip" | "severe";
                                provisional: boolean;
                            }[];
                        }[];
                        /** @enum {string} */
                        status: "open" | "declared" | "dismissed";
                        detected_at: string;
                        updated_at: string;
                        incident_id: string | null;
                        declared_at: string | null;
                        dismissed: {
                            by: string;
                            reason: string;
                            at: string;
                        } | null;
                    };
                };
            };
            /** @description Bad input; the field is named */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Missing or wrong token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The suspect is no longer open (declared or dismissed already) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
            /** @description The disk holding the store is full; nothing was stored */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        };
                    };
                };
            };
        };
    };
}
