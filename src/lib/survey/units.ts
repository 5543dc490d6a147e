import { z } from 'zod';
import { plainText } from './text';

export const unitKinds = ['province', 'department', 'district', 'commune'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** Which kinds a unit of each kind may sit under (sipas.md: province → departments, districts, communes). */
export const allowedParentKinds: Record<UnitKind, readonly UnitKind[]> = {
	province: [],
	department: ['province'],
	district: ['province'],
	commune: ['province', 'district']
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const vnDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Reads `YYYY-MM-DD` or the Vietnamese `dd/mm/yyyy`; returns ISO or undefined when not a real date. */
export function parseDate(text: string): string | undefined {
	const trimmed = text.trim();
	let iso = trimmed;
	const vn = vnDate.exec(trimmed);
	if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
	if (!isoDate.test(iso)) return undefined;
	const date = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

const optionalDate = z
	.string()
	.trim()
	.optional()
	.transform((text, ctx) => {
		if (!text) return null;
		const iso = parseDate(text);
		if (!iso) ctx.addIssue({ code: 'custom', message: 'unit.error.date' });
		return iso ?? null;
	});

export const unitCode = z
	.string()
	.trim()
	.min(1, 'unit.error.codeRequired')
	.max(32, 'unit.error.codeFormat')
	.regex(/^[A-Za-z0-9._-]+$/, 'unit.error.codeFormat');

/** Unit codes separated by spaces, commas, semicolons or bars. */
const codeList = z
	.string()
	.trim()
	.optional()
	.transform((text) => (text ? text.split(/[\s|;,]+/).filter(Boolean) : []))
	.pipe(z.array(unitCode));

/** What a person or a CSV row gives to create or change a unit. Messages are i18n keys. */
export const unitInput = z
	.object({
		code: unitCode,
		name: plainText(200, 'unit.error.nameLong').pipe(z.string().min(1, 'unit.error.nameRequired')),
		kind: z.enum(unitKinds, 'unit.error.kind'),
		parentCode: z
			.string()
			.trim()
			.transform((text) => text || null),
		validFrom: optionalDate,
		validTo: optionalDate,
		successorCodes: codeList,
		predecessorCodes: codeList,
		changedFrom: optionalDate
	})
	.superRefine((unit, ctx) => {
		if (unit.validFrom && unit.validTo && unit.validTo < unit.validFrom) {
			ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'unit.error.dateOrder' });
		}
		if (unit.kind === 'province' && unit.parentCode) {
			ctx.addIssue({ code: 'custom', path: ['parentCode'], message: 'unit.error.provinceParent' });
		}
		if (unit.kind !== 'province' && !unit.parentCode) {
			ctx.addIssue({ code: 'custom', path: ['parentCode'], message: 'unit.error.parentRequired' });
		}
		if (unit.parentCode === unit.code) {
			ctx.addIssue({ code: 'custom', path: ['parentCode'], message: 'unit.error.ownParent' });
		}
	});

export type UnitInput = z.output<typeof unitInput>;

/** A unit as stored and as `GET /api/units` returns it. */
export interface Unit {
	code: string;
	name: string;
	kind: UnitKind;
	parentCode: string | null;
	validFrom: string | null;
	validTo: string | null;
	successorCodes: string[];
	/** The units this one was formed from (a merger names them on the new unit). */
	predecessorCodes: string[];
}

/** A unit is current on `day` (ISO) when its validity covers it. */
export function isCurrent(unit: Pick<Unit, 'validFrom' | 'validTo'>, day: string): boolean {
	return (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);
}

/** The dossiers a unit handled in a year, as an admin enters them; an empty count removes the year. */
export const dossierInput = z.object({
	year: z.coerce
		.number('dossiers.error.year')
		.int('dossiers.error.year')
		.min(2000, 'dossiers.error.year')
		.max(2100, 'dossiers.error.year'),
	dossiers: z
		.string()
		.trim()
		.regex(/^\d{0,9}$/, 'dossiers.error.count')
		.transform((text) => (text === '' ? null : Number(text)))
});
