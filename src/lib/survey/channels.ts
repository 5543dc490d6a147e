/**
 * How an answer reached us: a kiosk at the one-stop shop, a paper form keyed by staff, the
 * unit's public link on a citizen's phone, or a signed link for one dossier (`dossier`: one
 * rating per dossier, see `src/lib/server/dossierLinks`). Apart from the schemas, so a page
 * can list them without loading zod.
 */
export const channels = ['kiosk', 'paper', 'web', 'dossier'] as const;
export type Channel = (typeof channels)[number];
