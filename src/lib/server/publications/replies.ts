import type { Publication } from './publications.repository';
import type { Snapshot } from './snapshot';

/** What the publications API says about a publication, and its frozen figures. */
export function publicationReply(row: Publication) {
	return {
		id: row.id,
		unit: row.unit,
		instrument: row.instrument,
		from: row.from,
		to: row.to,
		flagged: row.clean ? 'exclude' : 'include',
		reference: row.reference,
		reason: row.reason,
		supersedes: row.supersedes,
		publishedAt: row.publishedAt.toISOString(),
		publishedBy: row.publishedBy
	};
}

/** `GET /api/publications/:id`: the publication and its figures; never anything live. */
export function publishedFigures(row: Publication, snapshot: Snapshot) {
	return {
		...publicationReply(row),
		unitName: snapshot.unit.name,
		instrumentVersion: snapshot.instrument.version,
		compare: snapshot.compare,
		index: snapshot.index,
		rankings: snapshot.rankings,
		elements: snapshot.elements,
		summary: snapshot.summary
	};
}
