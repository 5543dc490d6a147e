/** Refusals that protect the server and its people: hostile uploads, sign-in limits, passwords. */
export const safetyVi = {
	'devices.retired': 'Thôi sử dụng',
	'devices.retire': 'Thôi sử dụng ki-ốt',
	'devices.retireHelp':
		'Dùng khi thay hoặc thu hồi máy tính bảng: các phiếu máy đã nhận trước lúc này vẫn được gửi lên (từ chính máy đó, hoặc từ máy được đăng ký lại cho đơn vị); phiếu nhận sau lúc này bị từ chối. Chỉ vô hiệu hóa khi máy bị mất hoặc bị chiếm quyền.',
	'devices.retiredDone': 'Ki-ốt đã thôi sử dụng; các phiếu nhận trước đó vẫn được gửi lên.',
	'issue.deviceRetired': 'Phiếu nhận sau khi ki-ốt đã thôi sử dụng ({at}).',
	'nav.account': 'Đổi mật khẩu',
	'account.title': 'Đổi mật khẩu',
	'account.required':
		'Mật khẩu này do người khác đặt: hãy đặt mật khẩu của riêng bạn trước khi làm việc tiếp.',
	'account.current': 'Mật khẩu hiện tại',
	'account.next': 'Mật khẩu mới',
	'account.confirm': 'Nhập lại mật khẩu mới',
	'account.submit': 'Đổi mật khẩu',
	'account.done': 'Đã đổi mật khẩu; các phiên đăng nhập khác của bạn đã kết thúc.',
	'account.continue': 'Tiếp tục làm việc',
	'account.error.current': 'Mật khẩu hiện tại không đúng.',
	'account.error.same': 'Mật khẩu mới phải khác mật khẩu hiện tại.',
	'account.error.confirm': 'Hai lần nhập mật khẩu mới không khớp.',
	'api.error.passwordChange': 'Cần đổi mật khẩu (trang /account) trước khi tiếp tục.',
	'issue.workbook.notWorkbook': 'Tệp không phải sổ tính Excel (.xlsx) hoặc đã bị hỏng.',
	'issue.workbook.damaged': 'Tệp Excel bị hỏng (phần {part} không đọc được).',
	'issue.workbook.noSheet': 'Tệp Excel không có trang tính nào.',
	'issue.workbook.pastExcel': 'Ô {cell} nằm ngoài giới hạn hàng, cột của Excel.',
	'issue.workbook.tooLarge': 'Tệp Excel khi giải nén vượt quá {mb} MB; hãy chia thành nhiều tệp.',
	'issue.workbook.tooManyCells': 'Trang tính có hơn {max} ô; hãy chia thành nhiều tệp.',
	'issue.workbook.tooSlow':
		'Tệp Excel quá phức tạp để đọc trong thời gian cho phép; hãy lưu lại bằng Excel hoặc chia thành nhiều tệp.'
} as const;

export const safetyEn: Record<keyof typeof safetyVi, string> = {
	'devices.retired': 'Retired',
	'devices.retire': 'Retire the kiosk',
	'devices.retireHelp':
		'For a tablet replaced or taken away: the answers it took before now still land (from that tablet, or from the tablet enrolled again for the unit); answers taken after now are refused. Disable a device only when it is lost or compromised.',
	'devices.retiredDone': 'The kiosk is retired; the answers it took before still land.',
	'issue.deviceRetired': 'Taken after the kiosk was retired ({at}).',
	'nav.account': 'Change password',
	'account.title': 'Change your password',
	'account.required': 'This password was chosen by someone else: choose your own before you go on.',
	'account.current': 'Current password',
	'account.next': 'New password',
	'account.confirm': 'New password again',
	'account.submit': 'Change password',
	'account.done': 'Password changed; your other sessions have ended.',
	'account.continue': 'Go on working',
	'account.error.current': 'The current password is not right.',
	'account.error.same': 'The new password must differ from the current one.',
	'account.error.confirm': 'The two new passwords do not match.',
	'api.error.passwordChange': 'Change your password (page /account) before you go on.',
	'issue.workbook.notWorkbook': 'The file is not an Excel workbook (.xlsx), or it is damaged.',
	'issue.workbook.damaged': 'The Excel file is damaged (its part {part} cannot be read).',
	'issue.workbook.noSheet': 'The Excel file has no sheet.',
	'issue.workbook.pastExcel': "Cell {cell} is past Excel's last row or column.",
	'issue.workbook.tooLarge': 'The Excel file unpacks past {mb} MB; split it into several files.',
	'issue.workbook.tooManyCells':
		'The sheet has more than {max} cells; split it into several files.',
	'issue.workbook.tooSlow':
		'The Excel file is too complex to read in the time allowed; save it again from Excel or split it.'
};
