import type { Instrument, Item, Localized } from '../survey/instruments';
import type { AnswerValue, Channel, ResponseInput } from '../survey/responses';
import { isoTime } from './time';
import { uuidv7 } from './uuid';

type Group = Instrument['parts'][number]['groups'][number];

/** One screen of the questionnaire. */
export type Step =
	| { kind: 'field'; item: Item; services: readonly string[] }
	| { kind: 'group'; group: Group; indexed: boolean; stem?: Localized; items: Item[] }
	| { kind: 'comment' }
	| { kind: 'review' };

/** The item a service-field list answers (the instrument's `field`). */
const FIELD = 'field';

/**
 * One respondent's way through an instrument: one group per screen (the paper form's order),
 * the optional context and demographic groups, a comment, a review. The id is made when the
 * respondent starts (UUID v7), so however often the answer is sent it stays one response.
 */
export class Survey {
	readonly id: string;
	readonly startedAt: string;
	readonly steps: Step[];
	answers = $state<Record<string, AnswerValue>>({});
	comment = $state('');
	index = $state(0);

	constructor(
		readonly instrument: Instrument,
		private readonly origin: {
			unit: string;
			channel: Channel;
			deviceId?: string;
			/** The signed link of one dossier the citizen opened (channel `dossier`). */
			dossier?: ResponseInput['dossier'];
		},
		services: readonly string[] = [],
		now = Date.now()
	) {
		this.id = uuidv7(now);
		this.startedAt = isoTime(now);
		this.steps = stepsOf(instrument, services);
	}

	get step(): Step {
		return this.steps[this.index]!;
	}

	get first(): boolean {
		return this.index === 0;
	}

	/** Answers given so far (blanks do not count). */
	get answered(): number {
		return Object.values(this.answers).filter((value) => value !== null).length;
	}

	next(): void {
		this.index = Math.min(this.index + 1, this.steps.length - 1);
	}

	back(): void {
		this.index = Math.max(this.index - 1, 0);
	}

	goto(index: number): void {
		this.index = Math.max(0, Math.min(index, this.steps.length - 1));
	}

	answer(code: string, value: AnswerValue): void {
		if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
			delete this.answers[code];
		} else {
			this.answers[code] = value;
		}
	}

	/** The response as the outbox stores and the server checks it. */
	toResponse(options: { partial?: boolean; now?: number } = {}): ResponseInput {
		const comment = this.comment.trim();
		return {
			id: this.id,
			instrument: this.instrument.code,
			instrumentVersion: this.instrument.version,
			unit: this.origin.unit,
			channel: this.origin.channel,
			...(this.origin.deviceId ? { deviceId: this.origin.deviceId } : {}),
			...(this.origin.dossier ? { dossier: this.origin.dossier } : {}),
			startedAt: this.startedAt,
			submittedAt: isoTime(options.now),
			answers: $state.snapshot(this.answers),
			...(comment && this.instrument.comment ? { comment } : {}),
			...(options.partial ? { partial: true as const } : {})
		};
	}
}

/** The screens of an instrument: indexed groups first, as on paper, then the optional ones. */
export function stepsOf(instrument: Instrument, services: readonly string[]): Step[] {
	const steps: Step[] = [];
	const fieldItem = instrument.parts
		.flatMap((p) => p.groups.flatMap((g) => g.items))
		.find((item) => item.code === FIELD && item.scale === 'text');
	const offerList = !!fieldItem && services.length > 0;
	if (offerList) steps.push({ kind: 'field', item: fieldItem, services });
	for (const part of instrument.parts) {
		for (const group of part.groups) {
			const items = group.items.filter((item) => !(offerList && item.code === FIELD));
			if (items.length)
				steps.push({ kind: 'group', group, indexed: part.indexed, stem: part.stem, items });
		}
	}
	if (instrument.comment) steps.push({ kind: 'comment' });
	steps.push({ kind: 'review' });
	return steps;
}
