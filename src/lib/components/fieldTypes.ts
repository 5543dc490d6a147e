import type { MessageKey, Params } from '$lib/i18n';

/** A field's error as the server sends it: a message key, translated where it is shown. */
export type FieldError = { key: MessageKey; params?: Params };
export type FieldErrors = Record<string, FieldError | undefined>;

/** Select options for units, named as people know them. */
export function unitOptions(units: { code: string; name: string }[]) {
	return units.map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})` }));
}
