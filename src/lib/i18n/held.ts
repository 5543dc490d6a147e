/** Held answers: the review of answers kept back until someone decides (`/held`). */
export const heldVi = {
	'held.title': 'Phiếu bị giữ lại để xem xét',
	'held.help':
		'Phiếu gửi từ đường dẫn công khai bị giữ lại khi có dấu hiệu gửi dồn (hơn 20 phiếu từ một địa chỉ trong 10 phút), khi đơn vị vượt mức phiếu trực tuyến trong ngày, hoặc khi phiếu gửi muộn hơn 72 giờ. Phiếu được lưu nhưng chưa tính vào chỉ số cho đến khi quản lý cấp trên hoặc quản trị viên chấp nhận; cán bộ của chính đơn vị không duyệt phiếu của đơn vị mình.',
	'held.none': 'Không có phiếu nào chờ duyệt.',
	'held.unit': 'Đơn vị',
	'held.received': 'Nhận lúc',
	'held.reason': 'Lý do',
	'held.reason.flood': 'Gửi dồn từ một địa chỉ',
	'held.reason.ceiling': 'Vượt mức trả lời trực tuyến trong ngày của đơn vị',
	'held.reason.late': 'Gửi muộn hơn 72 giờ sau khi trả lời',
	'held.reason.dossier': 'Hồ sơ này đã có một đánh giá được tính',
	'held.answers': 'Số câu đã trả lời',
	'held.accept': 'Chấp nhận',
	'held.reject': 'Loại bỏ',
	'held.select': 'Chọn phiếu {id}',
	'held.done.accept': 'Đã chấp nhận {n} phiếu.',
	'held.done.reject': 'Đã loại bỏ {n} phiếu.',
	'held.error.none': 'Vui lòng chọn ít nhất một phiếu.'
} as const;

export const heldEn: Record<keyof typeof heldVi, string> = {
	'held.title': 'Answers held for review',
	'held.help':
		'Answers from the public link are held when they look like a flood (more than 20 from one address in 10 minutes), when the unit is past its daily ceiling of online answers, or when they were sent more than 72 hours after they were given. They are stored but not counted until a manager above the unit or an admin accepts them; the unit’s own staff never review their unit.',
	'held.none': 'No answers are waiting for review.',
	'held.unit': 'Unit',
	'held.received': 'Received',
	'held.reason': 'Reason',
	'held.reason.flood': 'Flood from one address',
	'held.reason.ceiling': 'Past the unit’s daily ceiling of online answers',
	'held.reason.late': 'Sent more than 72 hours after it was answered',
	'held.reason.dossier': 'This dossier already has a counted rating',
	'held.answers': 'Questions answered',
	'held.accept': 'Accept',
	'held.reject': 'Reject',
	'held.select': 'Select answer {id}',
	'held.done.accept': '{n} answers accepted.',
	'held.done.reject': '{n} answers rejected.',
	'held.error.none': 'Please select at least one answer.'
};
