/** Published results (chốt số liệu): the badge, the form, the list and the refusals. */
export const publicationsVi = {
	'publication.badge': 'Số liệu đã công bố theo {reference}, chốt ngày {day}.',
	'publication.badgeBy': 'Người chốt: {name}.',
	'publication.live': 'Xem số liệu trực tiếp',
	'publication.published': 'Xem số liệu đã công bố',
	'publication.liveNote': 'Đang xem số liệu trực tiếp. Kỳ này đã công bố theo {reference}.',
	'publication.changed':
		'Sau khi chốt: {late} phiếu nhận muộn, {corrected} phiếu được sửa hoặc hủy (không có trong số liệu đã công bố).',
	'publication.flagged': 'Không tính các phiếu bị đánh dấu chất lượng.',
	'publication.form': 'Chốt số liệu kỳ này',
	'publication.reference': 'Số quyết định, văn bản công bố',
	'publication.reason': 'Lý do chốt lại',
	'publication.reasonHint': 'Kỳ này đã chốt; chốt lại cần nêu lý do, bản cũ vẫn được lưu.',
	'publication.submit': 'Chốt số liệu',
	'publication.done': 'Đã chốt số liệu theo {reference}.',
	'publication.history': 'Các lần chốt số liệu',
	'publication.col.reference': 'Văn bản',
	'publication.col.period': 'Kỳ',
	'publication.col.at': 'Thời điểm chốt',
	'publication.col.by': 'Người chốt',
	'publication.col.reason': 'Lý do chốt lại',
	'publication.current': 'đang áp dụng',
	'publication.error.notFound': 'Không có kết quả công bố này.',
	'publication.error.periodOpen':
		'Kỳ {from} – {to} chưa kết thúc: chỉ chốt số liệu từ ngày sau ngày cuối kỳ.',
	'publication.error.reason':
		'Kỳ này đã được chốt theo {reference}. Chốt lại cần nêu lý do; bản đã công bố vẫn được lưu.',
	'publication.error.raced': 'Vừa có người khác chốt số liệu kỳ này. Tải lại trang để xem.',
	'publication.error.reference': 'Vui lòng nhập số văn bản công bố.',
	'publication.error.filtered':
		'Chỉ chốt được số liệu của mọi kênh, mọi lĩnh vực, so với cùng kỳ năm trước.'
} as const;

export const publicationsEn: Record<keyof typeof publicationsVi, string> = {
	'publication.badge': 'Published figures, {reference}, frozen on {day}.',
	'publication.badgeBy': 'Published by {name}.',
	'publication.live': 'See the live figures',
	'publication.published': 'See the published figures',
	'publication.liveNote': 'Live figures. This period was published as {reference}.',
	'publication.changed':
		'Since publication: {late} answers received late, {corrected} corrected or voided (not in the published figures).',
	'publication.flagged': 'Answers flagged for quality left out.',
	'publication.form': 'Publish this period’s figures',
	'publication.reference': 'Decision or document number',
	'publication.reason': 'Reason to publish again',
	'publication.reasonHint':
		'This period is published; publishing again needs a reason, and the earlier one is kept.',
	'publication.submit': 'Publish',
	'publication.done': 'Figures published as {reference}.',
	'publication.history': 'Publications',
	'publication.col.reference': 'Document',
	'publication.col.period': 'Period',
	'publication.col.at': 'Published at',
	'publication.col.by': 'Published by',
	'publication.col.reason': 'Reason to publish again',
	'publication.current': 'in force',
	'publication.error.notFound': 'There is no such publication.',
	'publication.error.periodOpen':
		'The period {from} – {to} has not ended: publish it from the day after its last day.',
	'publication.error.reason':
		'This period was published as {reference}. Publishing again needs a reason; the published one is kept.',
	'publication.error.raced': 'Someone else has just published this period. Reload to see it.',
	'publication.error.reference': 'Give the decision or document number.',
	'publication.error.filtered':
		'Only the figures of all channels and fields, against the same period a year before, can be published.'
};
