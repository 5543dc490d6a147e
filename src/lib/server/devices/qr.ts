import QRCode from 'qrcode';

/** A PNG data URL of the enrolment link, for the admin to show to a tablet's camera. */
export function enrolmentQr(origin: string, code: string): Promise<string> {
	return QRCode.toDataURL(`${origin}/kiosk?code=${code}`, { margin: 2, width: 240 });
}
