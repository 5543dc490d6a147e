import { z } from 'zod';
import { satisfactionScales, type IndexStructure, type SatisfactionScale } from './indices';

/**
 * A questionnaire as versioned data (sipas.md, "Questionnaires"): parts → groups → items.
 * Indexed parts hold satisfaction items (L5, L3) and make up the SIPAS; other parts hold
 * context, perception and demographic questions. Item codes are unique in an instrument and
 * are part of the public contract (CSV columns, API).
 */

export const scales = ['L5', 'L3', 'L4', 'choice', 'multi', 'yesno', 'text', 'number'] as const;
export type Scale = (typeof scales)[number];

export const localized = z.object({
	vi: z.string().trim().min(1).max(1000),
	en: z.string().trim().min(1).max(1000)
});
export type Localized = z.output<typeof localized>;

const code = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'a code: letters, digits, . _ - (at most 32)');

const option = z.object({ value: code, text: localized });

export const itemSchema = z
	.object({
		code,
		text: localized,
		scale: z.enum(scales),
		required: z.boolean().default(false),
		/** Accepts "không áp dụng" (NA), excluded from the denominator like a blank. */
		allowNA: z.boolean().default(false),
		/** The words of the NA choice where the questionnaire has its own ("Tôi chưa góp ý, phản ánh"). */
		naLabel: localized.optional(),
		/** Labels for L3/L4/L5 levels (1-based) when they differ from the defaults; the choices of choice/multi. */
		options: z.array(option).max(50).optional(),
		/** `text`: the longest answer; `number`: the range. */
		maxLength: z.number().int().min(1).max(1000).optional(),
		min: z.number().optional(),
		max: z.number().optional()
	})
	.superRefine((item, ctx) => {
		if ((item.scale === 'choice' || item.scale === 'multi') && !item.options?.length) {
			ctx.addIssue({ code: 'custom', path: ['options'], message: `${item.scale} needs options` });
		}
	});

const group = z.object({ code, title: localized, items: z.array(itemSchema).min(1).max(100) });
const part = z.object({
	code,
	title: localized,
	/** Whether this part's groups are satisfaction elements that count toward the SIPAS. */
	indexed: z.boolean(),
	/** The question the part's statements answer, shown above them ("Ông/Bà hài lòng như thế nào về: …"). */
	stem: localized.optional(),
	groups: z.array(group).min(1).max(50)
});

const seconds = z.number().positive().max(86_400);
const qualitySchema = z.object({
	speeder: z.object({ secondsPerAnswer: seconds }).optional(),
	straightline: z.object({ minItems: z.number().int().min(2).max(1000) }).optional(),
	burst: z.object({ answers: z.number().int().min(2).max(1000), seconds }).optional()
});

export const instrumentSchema = z
	.object({
		code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and dashes'),
		version: z.number().int().min(1),
		title: localized,
		description: localized.optional(),
		/**
		 * Set on a questionnaire whose wording is not yet checked against its official source
		 * (the reason, shown to admins); absent on a final one.
		 */
		draft: localized.optional(),
		rules: z.object({
			item: z.enum(['share', 'mean-score']),
			group: z.enum(['mean', 'pooled']),
			/** Data-quality thresholds (see `quality.ts`); the defaults there when absent. */
			quality: qualitySchema.optional(),
			/**
			 * Decimals units are ranked at, rounded half up as announcements publish them
			 * (`rank` in indices.ts); 2 when absent.
			 */
			rankPrecision: z.number().int().min(0).max(6).optional(),
			/**
			 * The points SIPAS counts for in the administrative-reform index (linear, this
			 * many at 100 %; `REFORM_POINTS` in indices.ts when absent).
			 */
			reformPoints: z.number().positive().max(100).optional()
		}),
		/** Whether a comment box is offered (≤ 1000 characters). */
		comment: z.boolean().default(true),
		parts: z.array(part).min(1).max(20)
	})
	.superRefine((instrument, ctx) => {
		const seen = new Set<string>();
		const groupCodes = new Set<string>();
		if (!instrument.parts.some((p) => p.indexed)) {
			ctx.addIssue({
				code: 'custom',
				path: ['parts'],
				message: 'at least one part must be indexed'
			});
		}
		instrument.parts.forEach((p, pi) =>
			p.groups.forEach((g, gi) => {
				if (groupCodes.has(g.code)) {
					ctx.addIssue({
						code: 'custom',
						path: ['parts', pi, 'groups', gi, 'code'],
						message: `group code ${g.code} repeats`
					});
				}
				groupCodes.add(g.code);
				g.items.forEach((item, ii) => {
					const path = ['parts', pi, 'groups', gi, 'items', ii];
					if (seen.has(item.code))
						ctx.addIssue({
							code: 'custom',
							path: [...path, 'code'],
							message: `item code ${item.code} repeats`
						});
					seen.add(item.code);
					if (p.indexed && !(item.scale in satisfactionScales)) {
						ctx.addIssue({
							code: 'custom',
							path: [...path, 'scale'],
							message: 'items of an indexed part must be L5 or L3'
						});
					}
				});
			})
		);
	});

export type Instrument = z.output<typeof instrumentSchema>;
export type Item = z.output<typeof itemSchema>;

/** Every item of an instrument with its part and group, in questionnaire order. */
export function itemsOf(
	instrument: Instrument
): (Item & { part: string; group: string; indexed: boolean })[] {
	return instrument.parts.flatMap((p) =>
		p.groups.flatMap((g) =>
			g.items.map((item) => ({ ...item, part: p.code, group: g.code, indexed: p.indexed }))
		)
	);
}

/** The indexed parts in the shape the index engine takes. */
export function indexStructure(instrument: Instrument): IndexStructure {
	return {
		rules: instrument.rules,
		parts: instrument.parts
			.filter((p) => p.indexed)
			.map((p) => ({
				code: p.code,
				groups: p.groups.map((g) => ({
					code: g.code,
					items: g.items.map((item) => ({
						code: item.code,
						scale: item.scale as SatisfactionScale
					}))
				}))
			}))
	};
}

/** How many discrete levels an item's answers fall into (for counting), or 0 for free answers. */
export function levelCount(item: Pick<Item, 'scale' | 'options'>): number {
	switch (item.scale) {
		case 'L5':
			return 5;
		case 'L4':
			return 4;
		case 'L3':
			return 3;
		case 'yesno':
			return 2;
		case 'choice':
			return item.options?.length ?? 0;
		default:
			return 0;
	}
}
