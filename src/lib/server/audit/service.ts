/**
 * The audit trail: who did what to which record, and when. Services record their own
 * changes; routes record reads worth knowing (exports) and the admin pages list them.
 */
export { forTarget, record } from './audit.repository';
