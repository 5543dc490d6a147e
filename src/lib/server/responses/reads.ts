/**
 * Reads of stored responses that pages show as they are: held answers, one paper form, and
 * the gaps in a kiosk's sequence numbers.
 */
export { listHeld, paperForm } from './held.repository';
export { deviceGaps } from './responses.repository';
