import { z } from 'zod';
import { channels } from '$lib/survey/responses';
import { parseDate, unitCode, unitKinds } from '$lib/survey/units';

/** A real calendar day, `YYYY-MM-DD`. */
export const isoDay = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
	.refine((text) => parseDate(text) === text, 'not a real date');

/** At most ten years in one request: a decade of months is still a small read. */
const MAX_DAYS = 3660;
const span = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

const period = {
	instrument: z.string().min(1).max(64),
	from: isoDay,
	to: isoDay,
	channel: z.enum(channels).optional(),
	/** `exclude` leaves out the answers with a data-quality flag (counted by default). */
	flagged: z
		.enum(['include', 'exclude'])
		.default('include')
		.transform((v) => v === 'exclude')
};

function orderedPeriod<T extends { from: string; to: string }>(
	value: T,
	ctx: z.RefinementCtx,
	prefix = ''
) {
	if (value.to < value.from)
		ctx.addIssue({ code: 'custom', path: [`${prefix}to`], message: 'ends before it starts' });
	else if (span(value.from, value.to) > MAX_DAYS) {
		ctx.addIssue({ code: 'custom', path: [`${prefix}to`], message: 'longer than ten years' });
	}
}

export const indicesQuery = z
	.object({ unit: unitCode, ...period })
	.superRefine((v, ctx) => orderedPeriod(v, ctx));

export const trendQuery = z
	.object({
		unit: unitCode,
		...period,
		bucket: z.enum(['month', 'quarter', 'year']).default('month')
	})
	.superRefine((v, ctx) => orderedPeriod(v, ctx));

export const rankingsQuery = z
	.object({
		parent: unitCode,
		kind: z.enum(unitKinds),
		...period,
		compareFrom: isoDay.optional(),
		compareTo: isoDay.optional()
	})
	.superRefine((v, ctx) => {
		orderedPeriod(v, ctx);
		if (!v.compareFrom !== !v.compareTo) {
			ctx.addIssue({
				code: 'custom',
				path: ['compareTo'],
				message: 'give both compareFrom and compareTo, or neither'
			});
		} else if (v.compareFrom && v.compareTo) {
			orderedPeriod({ from: v.compareFrom, to: v.compareTo }, ctx, 'compare');
		}
	});
