import QRCode from 'qrcode';

/** A PNG data URL of a link, for a camera (a tablet enrolling, a citizen's phone). */
export function qr(url: string): Promise<string> {
	return QRCode.toDataURL(url, { margin: 2, width: 240 });
}

/** The enrolment link, for the admin to show to a tablet's camera. */
export function enrolmentQr(origin: string, code: string): Promise<string> {
	return qr(`${origin}/kiosk?code=${code}`);
}

/** The unit's public survey link, printed where citizens are served. */
export function publicLink(origin: string, unit: string): { url: string; qr: Promise<string> } {
	const url = `${origin}/r/${encodeURIComponent(unit)}`;
	return { url, qr: qr(url) };
}
