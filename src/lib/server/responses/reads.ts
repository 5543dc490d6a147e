/**
 * Reads of stored responses that pages show as they are: held answers, one paper form, and
 * the gaps in a kiosk's sequence numbers.
 */
export { deviceGaps, listHeld, paperForm } from './responses.repository';
