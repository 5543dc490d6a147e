import { z } from 'zod';
import { plainText } from '$lib/survey/text';
import { unitCode } from '$lib/survey/units';
import { roles } from './users.repository';

export const password = z.string().min(10, 'users.error.password').max(200, 'users.error.password');

const optionalUnit = z
	.string()
	.trim()
	.transform((text) => text || null)
	.pipe(unitCode.nullable());

const profile = {
	displayName: plainText(100, 'users.error.displayName'),
	role: z.enum(roles, 'users.error.role'),
	unitCode: optionalUnit
};

const unitForRole = (user: { role: string; unitCode: string | null }, ctx: z.RefinementCtx) => {
	if (user.role !== 'admin' && !user.unitCode) {
		ctx.addIssue({ code: 'custom', path: ['unitCode'], message: 'users.error.unitRequired' });
	}
};

export const newUser = z
	.object({
		username: z
			.string()
			.trim()
			.regex(/^[A-Za-z0-9._-]{3,40}$/, 'users.error.username'),
		password,
		...profile
	})
	.superRefine(unitForRole);

export const userChange = z.object(profile).superRefine(unitForRole);

export type NewUser = z.output<typeof newUser>;
export type UserChange = z.output<typeof userChange>;
