import { z } from 'zod';
import { instrumentSchema, type Instrument } from '$lib/survey/instruments';
import { shippedInstruments } from '$lib/survey/shipped';
import { StartupError, type Database, type Queryable } from '../db';
import * as audit from '../audit/audit.repository';
import * as instruments from './instruments.repository';
import { sha256Of } from '../responses/canonical';
import { done, failure, type Outcome } from '../outcome';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { list } from './instruments.repository';

/**
 * Instrument versions never change once stored, so each process keeps the ones it has read.
 * (Retirement only hides an instrument from new devices; answers to it are still accepted.)
 */
const cache = new Map<string, Instrument>();
const key = (code: string, version: number) => `${code}@${version}`;

/** The definition of one instrument version, or undefined when there is none. */
export async function instrumentFor(
	q: Queryable,
	code: string,
	version: number
): Promise<Instrument | undefined> {
	// A version read from a file or a request may be anything: only whole numbers name one.
	if (!Number.isSafeInteger(version) || version < 1 || version > 2 ** 31 - 1) return undefined;
	const cached = cache.get(key(code, version));
	if (cached) return cached;
	const stored = await instruments.get(q, code, version);
	if (stored) cache.set(key(code, version), stored.definition);
	return stored?.definition;
}

/** The newest version of an instrument. */
export function latestInstrument(q: Queryable, code: string): Promise<Instrument | undefined> {
	return instruments.latest(q, code);
}

/**
 * Loads the shipped instruments at start-up. A shipped file that was edited after its
 * version was stored stops the start: a changed questionnaire is a new version.
 */
export async function syncShippedInstruments(db: Database): Promise<void> {
	await db.transaction(async (tx) => {
		for (const definition of shippedInstruments) {
			const hash = sha256Of(definition);
			const stored = await instruments.get(tx, definition.code, definition.version);
			if (!stored) await instruments.insert(tx, definition, hash);
			else if (stored.definitionHash !== hash) {
				throw new StartupError(
					`The shipped instrument ${definition.code} v${definition.version} differs from the stored one. ` +
						`Ship the change as version ${definition.version + 1}.`
				);
			}
		}
	});
}

/** The instrument stored, or why not (`issues`: where its definition is wrong). */
export type ImportOutcome = Outcome<
	{ code: string; version: number },
	'instrumentInvalid' | 'instrumentChanged',
	{ path: string; message: string }
>;

/**
 * Adds an instrument from its JSON definition. A stored version is immutable: sending it
 * again unchanged is harmless; sending it changed is refused (publish a new version).
 */
export async function importInstrument(
	db: Database,
	json: unknown,
	actorUserId: string
): Promise<ImportOutcome> {
	const parsed = instrumentSchema.safeParse(json);
	if (!parsed.success) {
		return failure('instrumentInvalid', {
			issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
		});
	}
	const definition = parsed.data;
	const hash = sha256Of(definition);
	return db.transaction(async (tx) => {
		const stored = await instruments.get(tx, definition.code, definition.version);
		const { code, version } = definition;
		if (stored && stored.definitionHash === hash) return done({ code, version });
		if (stored)
			return failure('instrumentChanged', { params: { code, version, next: version + 1 } });
		await instruments.insert(tx, definition, hash);
		await audit.record(tx, {
			actorUserId,
			action: 'instrument.import',
			target: `${definition.code}@${definition.version}`
		});
		return done({ code, version });
	});
}

export const retireInput = z.object({
	code: z.string().max(64),
	version: z.number().int().min(1),
	retired: z.boolean()
});

export async function setRetired(
	db: Database,
	input: z.output<typeof retireInput>,
	actorUserId: string
): Promise<Outcome<undefined, 'instrumentNotFound'>> {
	return db.transaction(async (tx) => {
		if (!(await instruments.get(tx, input.code, input.version)))
			return failure('instrumentNotFound', { params: { code: `${input.code} v${input.version}` } });
		await instruments.setRetired(tx, input.code, input.version, input.retired);
		await audit.record(tx, {
			actorUserId,
			action: input.retired ? 'instrument.retire' : 'instrument.restore',
			target: `${input.code}@${input.version}`
		});
		return done(undefined);
	});
}
