import { instrumentSchema, type Instrument } from '../instruments';
import quickRating from './quick-rating.json';
import household from './sipas-household-2023.json';
import householdV2 from './sipas-household-2023.v2.json';
import service from './sipas-service-2023.json';
import serviceV2 from './sipas-service-2023.v2.json';

/**
 * The instruments the product ships (sipas.md). Parsed here, so a broken definition fails
 * the build's tests and the server's start, never a respondent. A shipped version never
 * changes once released (start-up refuses an edited one): wording changes are a new version,
 * and answers of every version count alike (same item codes). Version 2 of the service form
 * asks its question stem above the statements, names the officials in the trouble and money
 * options ("Không có / Có một số / Có nhiều"), says "Tôi chưa góp ý, phản ánh" for E2/E3's
 * not-applicable, and titles "cơ quan hành chính nhà nước"; the household form's version 2
 * carries the same and is marked a draft until checked against the Ministry's annex.
 */
export const shippedInstruments: readonly Instrument[] = [
	service,
	household,
	quickRating,
	serviceV2,
	householdV2
].map((definition) => instrumentSchema.parse(definition));
