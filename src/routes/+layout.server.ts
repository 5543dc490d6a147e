import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user && {
		username: locals.user.username,
		displayName: locals.user.displayName,
		role: locals.user.role,
		unitCode: locals.user.unitCode
	};
	return { locale: locals.locale, user };
};
