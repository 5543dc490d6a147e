import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What the server counts for Prometheus (`GET /metrics`, `routes/metrics/+server.ts`): the
 * process (memory, event-loop lag, handles), requests by route and status, sync batches and
 * answers by outcome, ingest time; the held and quarantined queues and the database pool are
 * read when scraped (`scrape` in `status.ts`). Each app server has its own registry: Prometheus scrapes
 * every instance (127.0.0.1:3001, :3002…) and sums them.
 *
 * prom-client: the de facto Node client (used by Prometheus' own examples), text format
 * 0.0.4, no dependencies beyond a small one for summaries.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'sipas_' });

const registers = [registry];

export const requests = new Counter({
	name: 'sipas_http_requests_total',
	help: 'HTTP requests by route (SvelteKit route id), method and status',
	labelNames: ['route', 'method', 'status'] as const,
	registers
});

export const requestSeconds = new Histogram({
	name: 'sipas_http_request_duration_seconds',
	help: 'Time to answer a request, by route',
	labelNames: ['route'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers
});

export const syncBatches = new Counter({
	name: 'sipas_sync_batches_total',
	help: 'POST /api/sync batches by sender (kiosk, person, public) and outcome (stored, or the refusal)',
	labelNames: ['sender', 'outcome'] as const,
	registers
});

export const answers = new Counter({
	name: 'sipas_answers_total',
	help: 'Answers ingested (sync, entry, import) by status: created, duplicate, conflict, invalid',
	labelNames: ['status'] as const,
	registers
});

export const ingestSeconds = new Histogram({
	name: 'sipas_ingest_duration_seconds',
	help: 'Time to ingest one batch of answers (validation, insert, counters, one transaction)',
	buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers
});

export const held = new Gauge({
	name: 'sipas_held_answers',
	help: 'Answers held for review (the public link, late or over a ceiling), read when scraped',
	registers
});

export const quarantined = new Gauge({
	name: 'sipas_quarantined_open',
	help: 'Refused submissions in quarantine not yet resolved, read when scraped',
	registers
});

export const pool = new Gauge({
	name: 'sipas_db_pool_connections',
	help: 'PostgreSQL pool connections by state (total, idle, waiting); the embedded database has none',
	labelNames: ['state'] as const,
	registers
});
