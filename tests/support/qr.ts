import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * What a phone's camera reads from a QR code shown as a PNG data URL (the enrolment QR, the
 * printed public link, a dossier's link).
 */
export function readQr(dataUrl: string): string {
	const base64 = dataUrl.replace(/^data:image\/png;base64,/, '');
	const png = PNG.sync.read(Buffer.from(base64, 'base64'));
	const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	if (!code) throw new Error('no QR code in the image');
	return code.data;
}

/** The PNG data URLs a page's HTML shows as images. */
export const pageImages = (html: string): string[] =>
	[...html.matchAll(/src="(data:image\/png;base64,[^"]+)"/g)].map((match) => match[1]!);
