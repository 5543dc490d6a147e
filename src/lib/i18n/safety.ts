/** Refusals that protect the server and its people: hostile uploads, sign-in limits, passwords. */
export const safetyVi = {
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
