import { z } from 'zod';
import { itemsOf, type Instrument, type Item } from './instruments';
import { issue, type Issue } from './issues';
import { hasControl } from './text';
import { unitCode } from './units';
import { channels, type Channel } from './channels';

export { channels, type Channel };

/** One answer: a level, "not applicable", a choice, several choices, yes/no, text, a number, or blank. */
export const answerValue = z.union([
	z.number(),
	z.literal('NA'),
	z.string().max(1000),
	z.array(z.string().max(64)).max(50),
	z.boolean(),
	z.null()
]);
export type AnswerValue = z.output<typeof answerValue>;

const isoWithOffset = z.iso.datetime({ offset: true });
/** A dossier's code as one-stop-shop systems write them (`000.00.12.H26-250701-0001`). */
export const dossierCode = z
	.string()
	.trim()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ / -');

/** The earliest and latest believable submission times: a tablet's clock can be wrong. */
export const EARLIEST_SUBMISSION = '2015-01-01T00:00:00Z';

/**
 * A response as every channel sends it (kiosk outbox, staff entry, CSV import) and as the
 * server checks it. The id is made on the device (UUID v7 there; any UUID is accepted).
 */
export const responseSchema = z
	.object({
		id: z.uuid(),
		instrument: z.string().min(1).max(64),
		instrumentVersion: z.number().int().min(1),
		unit: unitCode,
		channel: z.enum(channels),
		deviceId: z.uuid().optional(),
		/** The device's own counter, 1, 2, 3…: gaps show answers that never arrived. */
		deviceSeq: z
			.number()
			.int()
			.min(1)
			.max(2 ** 40)
			.optional(),
		startedAt: isoWithOffset.optional(),
		submittedAt: isoWithOffset,
		answers: z.record(z.string().max(32), answerValue),
		comment: z
			.string()
			.max(4000)
			.transform((text) => text.trim())
			.pipe(z.string().max(1000, 'comment longer than 1000 characters'))
			.optional(),
		serial: z.string().trim().min(1).max(40).optional(),
		batch: z.string().trim().min(1).max(80).optional(),
		/** The collection batch a paper form was keyed into (staff entry and imports). */
		batchId: z.uuid().optional(),
		/** Left unfinished when an idle kiosk reset (devices set to keep partial answers). */
		partial: z.literal(true).optional(),
		/** The signed link of one dossier the answer came through (channel `dossier`). */
		dossier: z
			.object({
				code: dossierCode,
				expires: z.iso.date(),
				signature: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a link signature')
			})
			.strict()
			.optional()
	})
	.strict();
export type ResponseInput = z.output<typeof responseSchema>;

/** An item with its option values as a set, made once per instrument version (the hot path of ingest). */
interface CheckItem extends Item {
	values: ReadonlySet<string>;
}
const checkPlans = new WeakMap<Instrument, Map<string, CheckItem>>();
function checkPlan(instrument: Instrument): Map<string, CheckItem> {
	let plan = checkPlans.get(instrument);
	if (!plan) {
		plan = new Map(
			itemsOf(instrument).map((item) => [
				item.code,
				{ ...item, values: new Set((item.options ?? []).map((o) => o.value)) }
			])
		);
		checkPlans.set(instrument, plan);
	}
	return plan;
}

type Problem = { key: string; text: string; params?: Record<string, string | number> };

function checkAnswer(item: CheckItem, value: AnswerValue): Problem | undefined {
	if (value === 'NA')
		return item.allowNA ? undefined : { key: 'noNA', text: 'does not accept "not applicable"' };
	const values = () => item.options!.map((o) => o.value).join(', ');
	switch (item.scale) {
		case 'L5':
		case 'L4':
		case 'L3': {
			const levels = Number(item.scale.slice(1));
			return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= levels
				? undefined
				: {
						key: 'level',
						text: `must be a whole number from 1 to ${levels}`,
						params: { top: levels }
					};
		}
		case 'yesno':
			return typeof value === 'boolean'
				? undefined
				: { key: 'yesno', text: 'must be true or false' };
		case 'choice':
			return typeof value === 'string' && item.values.has(value)
				? undefined
				: { key: 'choice', text: `must be one of ${values()}`, params: { values: values() } };
		case 'multi':
			return Array.isArray(value) &&
				new Set(value).size === value.length &&
				value.every((v) => item.values.has(v))
				? undefined
				: {
						key: 'multi',
						text: `must be a list of distinct values from ${values()}`,
						params: { values: values() }
					};
		case 'text': {
			const max = item.maxLength ?? 1000;
			if (typeof value !== 'string') return { key: 'text', text: 'must be text' };
			if (value.length > max)
				return { key: 'long', text: `longer than ${max} characters`, params: { max } };
			return hasControl(value.replace(/[\n\t]/g, ''))
				? { key: 'control', text: 'contains control characters' }
				: undefined;
		}
		case 'number':
			if (typeof value !== 'number' || !Number.isFinite(value))
				return { key: 'number', text: 'must be a number' };
			if (item.min !== undefined && value < item.min)
				return { key: 'below', text: `below ${item.min}`, params: { min: item.min } };
			if (item.max !== undefined && value > item.max)
				return { key: 'above', text: `above ${item.max}`, params: { max: item.max } };
			return undefined;
	}
}

/**
 * Checks a response against its instrument: every answer fits its item's scale, required
 * items are answered, no unknown item codes, a believable submission time, a comment only
 * where the instrument has one.
 */
export function checkResponse(
	instrument: Instrument,
	response: ResponseInput,
	now = Date.now()
): Issue[] {
	const issues = checkAnswers(instrument, response.answers);
	const submitted = Date.parse(response.submittedAt);
	if (submitted < Date.parse(EARLIEST_SUBMISSION) || submitted > now + 24 * 3600_000) {
		issues.push(
			issue(['submittedAt'], 'clock', 'submission time is not believable (check the device clock)')
		);
	}
	if (response.comment && !instrument.comment) {
		issues.push(
			issue(['comment'], 'noComment', `${instrument.code} has no comment`, {
				instrument: instrument.code
			})
		);
	}
	return issues;
}

/** Every answer fits its item's scale, required items are answered, no unknown item codes. */
export function checkAnswers(
	instrument: Instrument,
	answers: Readonly<Record<string, AnswerValue>>
): Issue[] {
	const issues: Issue[] = [];
	const items = checkPlan(instrument);
	for (const [code, value] of Object.entries(answers)) {
		const item = items.get(code);
		if (!item) {
			issues.push(
				issue(
					['answers', code],
					'noItem',
					`no item ${code} in ${instrument.code} v${instrument.version}`,
					{
						code,
						instrument: `${instrument.code} v${instrument.version}`
					}
				)
			);
		} else if (value !== null) {
			const problem = checkAnswer(item, value);
			if (problem)
				issues.push(
					issue(['answers', code], problem.key, `${code} ${problem.text}`, {
						code,
						value: JSON.stringify(value),
						...problem.params
					})
				);
		}
	}
	for (const item of items.values()) {
		const value = answers[item.code];
		if (item.required && (value === undefined || value === null)) {
			issues.push(
				issue(['answers', item.code], 'required', `${item.code} is required`, { code: item.code })
			);
		}
	}
	return issues;
}

export { VIETNAM_OFFSET_MS, vietnamDay } from './days';
