import { instrumentSchema, type Instrument } from '../instruments';
import quickRating from './quick-rating.json';
import household from './sipas-household-2023.json';
import service from './sipas-service-2023.json';

/**
 * The instruments the product ships (sipas.md). Parsed here, so a broken definition fails
 * the build's tests and the server's start, never a respondent.
 */
export const shippedInstruments: readonly Instrument[] = [service, household, quickRating].map(
	(definition) => instrumentSchema.parse(definition)
);
