import { itemsOf, type Instrument } from './instruments';
import type { ResponseInput } from './responses';

/**
 * Data-quality flags, as survey methodology marks answers worth a second look. A flagged
 * answer is counted like any other: a flag is a suspicion, not a proof, and a citizen who is
 * pleased with everything honestly answers "very satisfied" sixteen times. The dashboard
 * shows how many answers carry a flag per unit, and a switch in its address (`flagged=exclude`)
 * leaves them out of the view, its exports and a result published from it.
 *
 * - `speeder`: answered faster than anyone can read the questions. The threshold is
 *   `secondsPerAnswer` for each item answered, from `startedAt` to `submittedAt`. Speeding
 *   research flags below about 300 ms per word read; a SIPAS statement is six to twelve words,
 *   so 2 s an answer is the floor of reading it and touching a choice.
 * - `straightline`: every rated item (L3/L4/L5, "not applicable" aside) at the same level, on
 *   at least `minItems` of them. On a handful of items a uniform answer is a plausible
 *   opinion; over the ten or more statements of the five SIPAS elements, one level for
 *   everything is the pattern of someone not reading.
 * - `burst`: a kiosk that sent `answers` complete answers within `seconds` (this answer and
 *   the ones before it). A kiosk serves one person at a time and a full questionnaire takes
 *   minutes: three within a minute are one person tapping through, or a test.
 * - `clock` (set at ingest from the device's clock report, see `clock.ts`): the kiosk's clock
 *   was off when it sent the answer.
 *
 * The thresholds are instrument rules (`rules.quality`); an instrument that does not set them
 * takes `QUALITY_DEFAULTS` (the shipped ones do, so their stored definitions stay unchanged).
 */

export const flagKinds = ['speeder', 'straightline', 'burst', 'clock'] as const;
export type FlagKind = (typeof flagKinds)[number];

export interface QualityRules {
	speeder: { secondsPerAnswer: number };
	straightline: { minItems: number };
	burst: { answers: number; seconds: number };
}

export const QUALITY_DEFAULTS: QualityRules = {
	speeder: { secondsPerAnswer: 2 },
	straightline: { minItems: 10 },
	burst: { answers: 3, seconds: 60 }
};

export function qualityRules(instrument: Pick<Instrument, 'rules'>): QualityRules {
	const own = instrument.rules.quality;
	return {
		speeder: own?.speeder ?? QUALITY_DEFAULTS.speeder,
		straightline: own?.straightline ?? QUALITY_DEFAULTS.straightline,
		burst: own?.burst ?? QUALITY_DEFAULTS.burst
	};
}

const ratedScales = new Set(['L3', 'L4', 'L5']);
/** The codes of an instrument's rated items, made once per instrument version. */
const ratedItems = new WeakMap<Instrument, string[]>();
function ratedOf(instrument: Instrument): string[] {
	let codes = ratedItems.get(instrument);
	if (!codes) {
		codes = itemsOf(instrument)
			.filter((item) => ratedScales.has(item.scale))
			.map((item) => item.code);
		ratedItems.set(instrument, codes);
	}
	return codes;
}

type Answered = Pick<ResponseInput, 'answers' | 'startedAt' | 'submittedAt' | 'partial'>;

/** How many items carry an answer ("not applicable" included: it was read). */
const answeredCount = (response: Answered) =>
	Object.values(response.answers).filter((v) => v !== null && v !== undefined && v !== '').length;

function isSpeeder(rules: QualityRules, response: Answered): boolean {
	if (!response.startedAt) return false;
	const seconds = (Date.parse(response.submittedAt) - Date.parse(response.startedAt)) / 1000;
	return seconds < rules.speeder.secondsPerAnswer * answeredCount(response);
}

function isStraightline(
	rules: QualityRules,
	instrument: Instrument,
	answers: Answered['answers']
): boolean {
	const levels = ratedOf(instrument)
		.map((code) => answers[code])
		.filter((value): value is number => typeof value === 'number');
	return levels.length >= rules.straightline.minItems && new Set(levels).size === 1;
}

/**
 * Whether this answer is one of a burst: with it, the device's complete answers submitted in
 * the `seconds` up to and including it (`earlier`: the device's others, as ms since the epoch)
 * reach `answers`.
 */
function isBurst(rules: QualityRules, response: Answered, earlier: readonly number[]): boolean {
	if (response.partial) return false;
	const at = Date.parse(response.submittedAt);
	const from = at - rules.burst.seconds * 1000;
	const within = earlier.filter((t) => t >= from && t <= at).length;
	return within + 1 >= rules.burst.answers;
}

/**
 * The quality flags of one answer. `device`: for a kiosk's answers, when its other complete
 * answers were submitted (ms since the epoch; this one excluded).
 */
export function qualityFlags(
	instrument: Instrument,
	response: Answered,
	device?: { earlier: readonly number[] }
): FlagKind[] {
	const rules = qualityRules(instrument);
	const flags: FlagKind[] = [];
	if (isSpeeder(rules, response)) flags.push('speeder');
	if (isStraightline(rules, instrument, response.answers)) flags.push('straightline');
	if (device && isBurst(rules, response, device.earlier)) flags.push('burst');
	return flags;
}

/**
 * The flags of an answer after a clerk corrected it: the marks of how and when it was sent
 * stay, straight-lining is judged again on the new answers.
 */
export function editedFlags(
	instrument: Instrument,
	flags: readonly string[],
	answers: Answered['answers']
): string[] {
	const kept = flags.filter((flag) => flag !== 'straightline');
	const rules = qualityRules(instrument);
	return isStraightline(rules, instrument, answers) ? [...kept, 'straightline'] : kept;
}
