import {
	AlignmentType,
	BorderStyle,
	Document,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IParagraphOptions,
	type IRunOptions
} from 'docx';
import { formatDateTime, formatNumber, translate, type Locale, type MessageKey } from '$lib/i18n';
import { roundHalfUp } from '$lib/survey/indices';
import type { UnitKind } from '$lib/survey/units';
import type { DashboardData } from './service';

/**
 * The announcement a Department of Home Affairs publishes, as an editable Word file laid out
 * by Decree 30/2020/NĐ-CP (Times New Roman 13, A4, margins 20/20/30/15 mm): the issuer and the
 * national title and motto side by side, the number and date left to fill, the subject, the
 * summary of each block, the recipients and the signature, then one annex table per block
 * (landscape). `docx` (9.7.0, pinned: later releases need Node 22 through nanoid 6) writes the
 * file; it is a server-only dependency, so the kiosk never loads it.
 */

export interface AnnouncementBlock {
	kind: UnitKind;
	data: DashboardData;
	/** The summary, one sentence per entry. */
	summary: string[];
}

export interface AnnouncementInput {
	locale: Locale;
	unit: { name: string };
	/** "năm 2026 (đến ngày 01/12)", and what it is compared with ("cùng kỳ năm 2025"). */
	labels: { period: string; compare: string };
	blocks: AnnouncementBlock[];
	/** The publication the figures come from; none for live figures ("chưa công bố"). */
	published: { reference: string; publishedAt: string } | null;
	/** When the live figures were read. */
	readAt: Date;
}

const mm = (n: number) => Math.round((n * 1440) / 25.4);
const SIZE = 26; // half-points: 13 pt
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const noBorders = { top: none, bottom: none, left: none, right: none };

const run = (text: string, options: IRunOptions = {}) => new TextRun({ text, ...options });
const line = (text: string, runOptions: IRunOptions = {}, options: IParagraphOptions = {}) =>
	new Paragraph({ alignment: AlignmentType.CENTER, ...options, children: [run(text, runOptions)] });

/** Two borderless columns: the issuer beside the national title, the recipients beside the signature. */
function sideBySide(left: Paragraph[], right: Paragraph[], leftWidth: number): Table {
	const cell = (children: Paragraph[], size: number) =>
		new TableCell({ children, width: { size, type: WidthType.PERCENTAGE }, borders: noBorders });
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		borders: { ...noBorders, insideHorizontal: none, insideVertical: none },
		rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, 100 - leftWidth)] })]
	});
}

const roman = (n: number) => ['I', 'II', 'III', 'IV', 'V', 'VI'][n - 1] ?? String(n);

export async function announcementDocx(input: AnnouncementInput): Promise<Buffer> {
	const { locale } = input;
	const t = (key: MessageKey, params?: Record<string, string | number>) =>
		translate(locale, key, params);
	const value = (v: number | null | undefined) =>
		v === null || v === undefined ? '—' : formatNumber(locale, roundHalfUp(v), 2);
	const year = input.readAt.getFullYear();

	const header = sideBySide(
		[
			line(t('announcement.issuerParent', { unit: input.unit.name.toUpperCase() })),
			line(t('announcement.issuer'), { bold: true }),
			line(t('announcement.number'), {}, { spacing: { before: 120 } })
		],
		[
			line(t('announcement.nation'), { bold: true, size: 24 }),
			line(t('announcement.motto'), { bold: true, underline: {} }),
			line(t('announcement.placeDate', { year }), { italics: true }, { spacing: { before: 120 } })
		],
		40
	);

	const status = input.published
		? t('announcement.published', {
				reference: input.published.reference,
				at: formatDateTime(locale, input.published.publishedAt)
			})
		: t('announcement.unpublished', { at: formatDateTime(locale, input.readAt.toISOString()) });

	const body = input.blocks.flatMap((block, i) => [
		new Paragraph({
			spacing: { before: 160 },
			children: [run(`${i + 1}. ${capitalised(t(`block.${block.kind}`))}`, { bold: true })]
		}),
		...block.summary.map(
			(sentence) =>
				new Paragraph({
					alignment: AlignmentType.JUSTIFIED,
					indent: { firstLine: mm(10) },
					children: [run(sentence)]
				})
		),
		new Paragraph({
			indent: { firstLine: mm(10) },
			children: [run(t('announcement.seeAnnex', { n: roman(i + 1) }), { italics: true })]
		})
	]);

	const closing = sideBySide(
		[
			new Paragraph({
				children: [run(t('announcement.recipients'), { bold: true, italics: true, size: 24 })]
			}),
			...t('announcement.recipientsList')
				.split('\n')
				.map((text) => new Paragraph({ children: [run(text, { size: 22 })] }))
		],
		[
			line(t('announcement.signer'), { bold: true }),
			line(t('announcement.signHere'), { italics: true })
		],
		50
	);

	const annexes = input.blocks.flatMap((block, i) => annex(block, i + 1));

	function annex(block: AnnouncementBlock, n: number) {
		const { data } = block;
		const rows = data.block?.ranking.rows ?? [];
		const groups = new Map(data.block?.heatmap.map((h) => [h.code, h.groups ?? []]));
		const head = [
			t('announcement.col.no'),
			t('dashboard.col.unit'),
			...data.elements.map((e) => e.title[locale]),
			t('announcement.col.sipas'),
			t('dashboard.col.rank'),
			t('announcement.col.previous', { compare: input.labels.compare }),
			t('announcement.col.previousRank', { compare: input.labels.compare }),
			t('dashboard.col.rankChange')
		];
		const tableCell = (text: string, bold = false, left = false) =>
			new TableCell({
				children: [
					new Paragraph({
						alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
						children: [run(text, { bold, size: 22 })]
					})
				]
			});
		return [
			line(t('announcement.annex', { n: roman(n) }), { bold: true }, { pageBreakBefore: n > 1 }),
			line(
				t('announcement.annexTitle', {
					block: t(`block.${block.kind}`).toUpperCase(),
					period: input.labels.period.toUpperCase()
				}),
				{ bold: true }
			),
			line(t('announcement.annexOf', { year }), { italics: true }, { spacing: { after: 160 } }),
			new Table({
				width: { size: 100, type: WidthType.PERCENTAGE },
				rows: [
					new TableRow({
						tableHeader: true,
						children: head.map((text) => tableCell(text, true))
					}),
					...rows.map(
						(row, k) =>
							new TableRow({
								children: [
									tableCell(String(k + 1)),
									tableCell(row.unit.name, false, true),
									...data.elements.map((_, g) => tableCell(value(groups.get(row.unit.code)?.[g]))),
									tableCell(value(row.index), true),
									tableCell(row.rank === null ? '—' : String(row.rank)),
									tableCell(value(row.previousIndex)),
									tableCell(row.previousRank === null ? '—' : String(row.previousRank)),
									tableCell(rankMove(row.rankChange))
								]
							})
					)
				]
			})
		];
	}

	const document = new Document({
		creator: 'SIPAS',
		title: t('announcement.subject', { period: input.labels.period }),
		styles: { default: { document: { run: { font: 'Times New Roman', size: SIZE } } } },
		sections: [
			{
				properties: {
					page: { margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } }
				},
				children: [
					header,
					line(t('announcement.title'), { bold: true, size: 28 }, { spacing: { before: 360 } }),
					line(t('announcement.subject', { period: input.labels.period }), { bold: true }),
					line('________', {}, { spacing: { after: 200 } }),
					new Paragraph({
						alignment: AlignmentType.CENTER,
						children: [
							run(status, {
								bold: !input.published,
								italics: true,
								color: input.published ? undefined : 'C00000'
							})
						]
					}),
					...body,
					new Paragraph({ spacing: { after: 240 }, children: [] }),
					closing
				]
			},
			{
				properties: {
					page: {
						size: { orientation: PageOrientation.LANDSCAPE },
						margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(15) }
					}
				},
				children: annexes
			}
		]
	});
	return Packer.toBuffer(document);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "+3", "−2", "0", or "—" where there is no rank to compare. */
function rankMove(change: number | null): string {
	if (change === null) return '—';
	return change > 0 ? `+${change}` : change < 0 ? `−${-change}` : '0';
}
