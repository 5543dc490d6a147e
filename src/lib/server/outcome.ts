import type { MessageKey, Params } from '$lib/i18n';
import type { FieldIssue, Issue } from '$lib/survey/issues';

/**
 * What a service did: its value, or why it would not. Services speak of reasons, never of
 * HTTP; `reasons` below is the one table that turns a reason into a status and a message,
 * for APIs (`failureResponse` in http.ts) and form actions (`failureForm`) alike.
 */
export type Outcome<T = undefined, R extends Reason = Reason, I = Issue> =
	{ ok: true; value: T } | Failure<R, I>;

export interface Failure<R extends Reason = Reason, I = Issue> {
	ok: false;
	reason: R;
	/** What was wrong with the input: inside a response (`Issue`) or beside form fields (`FieldIssue`). */
	issues?: I[];
	/** Values for the reason's message (`{code}`, `{serial}`). */
	params?: Params;
}

/** A form's outcome: its failures carry issues beside the form's fields. */
export type FormOutcome<T = undefined, R extends Reason = Reason> = Outcome<T, R, FieldIssue>;

export const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const failure = <R extends Reason, I = Issue>(
	reason: R,
	extra: { issues?: I[]; params?: Params } = {}
): Failure<R, I> => ({ ok: false, reason, ...extra });

/** `invalid` with one form field at fault: the issue forms show beside that field. */
export const invalidField = (
	field: string,
	key: FieldIssue['key'],
	params?: FieldIssue['params']
): Failure<'invalid', FieldIssue> => failure('invalid', { issues: [{ field, key, params }] });

/**
 * Every reason a service may give, with its HTTP status and the catalog key of its message.
 * A new reason is added here first; the type system then asks every caller to handle it.
 */
export const reasons = {
	/** The input broke a rule; `issues` say which. */
	invalid: { status: 400, key: 'api.error.invalid' },
	/** A correction or rejection without the reason it must carry. */
	noReason: { status: 400, key: 'api.error.reasonRequired' },
	forbidden: { status: 403, key: 'api.error.forbidden' },
	outOfScope: { status: 403, key: 'api.error.outOfScope' },
	throttled: { status: 429, key: 'api.error.throttled' },
	signInThrottled: { status: 429, key: 'login.error.throttled' },
	badCredentials: { status: 400, key: 'login.error.invalid' },
	unitNotFound: { status: 404, key: 'unit.error.notFound' },
	instrumentNotFound: { status: 404, key: 'api.error.noInstrument' },
	instrumentInvalid: { status: 400, key: 'instruments.error.invalid' },
	instrumentChanged: { status: 409, key: 'instruments.error.changed' },
	responseNotFound: { status: 404, key: 'api.error.noResponse' },
	responseVoid: { status: 409, key: 'api.error.responseVoid' },
	responseHeld: { status: 409, key: 'api.error.responseHeld' },
	notHeld: { status: 409, key: 'api.error.notHeld' },
	batchNotFound: { status: 404, key: 'batch.error.notFound' },
	publicationNotFound: { status: 404, key: 'publication.error.notFound' },
	/** A view too large to read answer by answer (the breakdown by respondent). */
	tooManyAnswers: { status: 422, key: 'respondents.tooMany' },
	/** Figures of a period that has not ended cannot be published. */
	periodOpen: { status: 409, key: 'publication.error.periodOpen' },
	/** A scope and period published already: publishing again needs a reason. */
	republishReason: { status: 409, key: 'publication.error.reason' },
	/** Two people published the same scope and period at once: the other one won. */
	publicationRaced: { status: 409, key: 'publication.error.raced' },
	quarantineNotFound: { status: 404, key: 'quarantine.notFound' },
	resolved: { status: 409, key: 'quarantine.error.resolved' },
	unfixable: { status: 409, key: 'quarantine.error.unfixable' },
	stillRefused: { status: 400, key: 'quarantine.error.invalid' },
	noForm: { status: 404, key: 'verify.error.noForm' },
	notSampled: { status: 409, key: 'verify.error.notSampled' },
	sameClerk: { status: 409, key: 'verify.error.sameClerk' },
	verified: { status: 409, key: 'verify.error.done' },
	deviceNotFound: { status: 404, key: 'devices.error.notFound' },
	/** A new enrolment code for a revoked device: refused, make a new device. */
	renewRevoked: { status: 409, key: 'devices.error.revoked' },
	enrolmentInvalid: { status: 400, key: 'enrol.error.invalid' },
	enrolmentExpired: { status: 400, key: 'enrol.error.expired' },
	enrolmentUsed: { status: 400, key: 'enrol.error.used' },
	enrolmentRevoked: { status: 400, key: 'enrol.error.revoked' },
	/** A bearer token that names no device: the kiosk must enrol again. */
	deviceUnknown: { status: 401, key: 'api.error.deviceUnknown' },
	/** The kiosk's token was revoked: it shows "this kiosk has been disabled". */
	deviceRevoked: { status: 401, key: 'api.error.deviceRevoked' }
} as const satisfies Record<string, { status: number; key: MessageKey }>;

export type Reason = keyof typeof reasons;
