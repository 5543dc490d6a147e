import type { Instrument } from '$lib/survey/instruments';
import type { AnswerValue, Channel } from '$lib/survey/responses';
import type { Unit } from '$lib/survey/units';
import { qualityFlags } from '$lib/survey/quality';
import type { NewResponse } from '../responses/responses.repository';
import { contentHash } from '../responses/rows';

/**
 * Two years of made-up but plausible answers for the demo province, so every dashboard has
 * something real to show: each unit has its own level and yearly trend, feedback handling
 * (II.E) is the weakest element as in published results, Tết and midsummer bring dips.
 * Deterministic: the same seed gives the same data.
 */

/** mulberry32: small, fast, good enough for demo data. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const groupOffset: Record<string, number> = { A: 0.02, B: 0, C: -0.01, D: 0.015, E: -0.07 };
const fields = [
	'Hộ tịch',
	'Chứng thực',
	'Đất đai',
	'Xây dựng',
	'Đăng ký kinh doanh',
	'Lao động, việc làm',
	'Bảo trợ xã hội',
	'Tư pháp',
	'Giao thông vận tải',
	'Y tế'
];
const comments = [
	'Cán bộ hướng dẫn nhiệt tình, chu đáo.',
	'Thời gian chờ còn lâu, cần thêm quầy tiếp nhận.',
	'Nơi để xe chật, mong được mở rộng.',
	'Thái độ phục vụ tốt, thủ tục nhanh gọn.',
	'Nên niêm yết thủ tục rõ ràng hơn ở bảng tin.',
	'Dịch vụ công trực tuyến còn khó sử dụng với người lớn tuổi.',
	'Trả kết quả đúng hẹn, rất hài lòng.',
	'Phải đi lại nhiều lần vì thiếu giấy tờ, mong được hướng dẫn một lần cho đủ.'
];

function pick<T>(rand: () => number, weighted: readonly (readonly [T, number])[]): T {
	let r = rand();
	for (const [value, weight] of weighted) {
		r -= weight;
		if (r < 0) return value;
	}
	return weighted.at(-1)![0];
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface DemoOptions {
	instrument: Instrument;
	units: Unit[];
	from: string;
	to: string;
	/** Average responses a day per unit; about 100 000 in all for two years of the demo province. */
	perDay?: number;
	seed?: number;
}

/** Generates the rows, ready for the bulk insert; valid by construction (a test checks a sample). */
export function demoResponses(options: DemoOptions): NewResponse[] {
	const rand = random(options.seed ?? 2026);
	const items = options.instrument.parts
		.filter((p) => p.indexed)
		.flatMap((p) =>
			p.groups.flatMap((g) => g.items.map((i) => ({ code: i.code, allowNA: i.allowNA })))
		);
	const rows: NewResponse[] = [];
	const start = Date.parse(options.from);
	const end = Date.parse(options.to);
	const perDay = options.perDay ?? 3.4;
	for (const unit of options.units) {
		const base = 0.68 + 0.27 * rand();
		const trendPerYear = (rand() - 0.35) * 0.09;
		// An old commune (ended with the 2025 reform) had about half the visitors of the new
		// commune it merged into.
		const busy =
			unit.kind === 'department' ? 1.05 : unit.kind === 'commune' && unit.validTo ? 0.5 : 1;
		for (let t = start; t <= end; t += DAY) {
			const day = isoDay(t);
			if ((unit.validFrom && day < unit.validFrom) || (unit.validTo && day > unit.validTo))
				continue;
			const weekday = new Date(t).getUTCDay();
			if (weekday === 0) continue;
			const month = new Date(t).getUTCMonth();
			const season = month <= 1 ? -0.045 : month === 6 || month === 7 ? -0.02 : 0;
			const p = base + trendPerYear * ((t - start) / (365 * DAY)) + season;
			const count = Math.round(perDay * busy * (weekday === 6 ? 0.4 : 1.12) * (0.6 + 0.8 * rand()));
			for (let k = 0; k < count; k++)
				rows.push(response(rand, unit.code, day, p, items, options.instrument));
		}
	}
	return rows;
}

function response(
	rand: () => number,
	unit: string,
	day: string,
	p: number,
	items: { code: string; allowNA: boolean }[],
	instrument: Instrument
): NewResponse {
	const answers: Record<string, AnswerValue> = {};
	const mood = (rand() - 0.5) * 0.2; // one respondent rates all items a little alike
	for (const item of items) {
		if (item.allowNA && rand() < 0.35) answers[item.code] = 'NA';
		else if (rand() < 0.03) continue;
		else {
			const q = Math.min(0.99, Math.max(0.05, p + mood + (groupOffset[item.code[0]!] ?? 0)));
			answers[item.code] =
				rand() < q
					? rand() < 0.45
						? 5
						: 4
					: pick(rand, [
							[3, 0.6],
							[2, 0.3],
							[1, 0.1]
						] as const);
		}
	}
	answers.field = fields[Math.floor(rand() * fields.length)]!;
	answers.submission = pick(rand, [
		['direct', 0.6],
		['online_part', 0.2],
		['online_full', 0.12],
		['post', 0.08]
	] as const);
	answers.trips = pick(rand, [
		['1', 0.75],
		['2', 0.2],
		['3', 0.05]
	] as const);
	answers.trouble = pick(rand, [
		['none', 0.93],
		['some', 0.06],
		['many', 0.01]
	] as const);
	answers.money = pick(rand, [
		['none', 0.97],
		['some', 0.025],
		['many', 0.005]
	] as const);
	if (rand() < 0.5) answers.priorities = rand() < 0.5 ? ['online'] : ['faster', 'attitude'];
	if (rand() < 0.6) {
		answers.gender = pick(rand, [
			['male', 0.47],
			['female', 0.52],
			['other', 0.01]
		] as const);
		answers.age = pick(rand, [
			['18-24', 0.12],
			['25-34', 0.3],
			['35-49', 0.33],
			['50-60', 0.17],
			['over60', 0.08]
		] as const);
	}
	const channel: Channel = pick(rand, [
		['kiosk', 0.7],
		['paper', 0.25],
		['web', 0.05]
	] as const);
	const minutes = 7 * 60 + 30 + Math.floor(rand() * 570);
	const submittedAt = `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+07:00`;
	const id = uuidFrom(rand, Date.parse(submittedAt));
	const comment = rand() < 0.04 ? comments[Math.floor(rand() * comments.length)]! : null;
	const hash = contentHash({
		id,
		instrument: instrument.code,
		instrumentVersion: instrument.version,
		unit,
		channel,
		submittedAt,
		answers,
		...(comment ? { comment } : {})
	});
	return {
		id,
		instrument_code: instrument.code,
		instrument_version: instrument.version,
		unit_code: unit,
		channel,
		device_id: null,
		device_seq: null,
		entered_by: null,
		started_at: null,
		submitted_at: submittedAt,
		day,
		answers,
		comment,
		serial: null,
		batch: null,
		content_hash: hash,
		flags: qualityFlags(instrument, { answers, submittedAt })
	};
}

/** A UUID v7 (time-ordered, as devices make them) from the seeded generator. */
function uuidFrom(rand: () => number, time: number): string {
	const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
	const timeHex = hex(time, 12);
	const r = () => hex(rand() * 0x10000, 4);
	const variant = hex(0x8000 | (rand() * 0x3fff), 4);
	return `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-7${r().slice(1)}-${variant}-${r()}${r()}${r()}`;
}
