// Draws the app icons (a smiling face on the brand blue) as PNGs with no image library:
// `node scripts/icons.js` writes static/icon-192.png, icon-512.png and icon-maskable-512.png.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [11, 79, 138];
const FACE = [255, 213, 79];
const INK = [62, 39, 35];

/**
 * The colour at (x, y) of a `size`-pixel icon; `padding` shrinks the face for maskable icons.
 * @param {number} x @param {number} y @param {number} size @param {number} padding
 * @returns {number[]}
 */
function pixel(x, y, size, padding) {
	const u = (x + 0.5) / size - 0.5;
	const v = (y + 0.5) / size - 0.5;
	const r = 0.34 * (1 - padding);
	const d = Math.hypot(u, v);
	if (d > r) return BRAND;
	const eye = (/** @type {number} */ ex) => Math.hypot(u - ex * r, v + 0.25 * r) < 0.12 * r;
	if (eye(-0.38) || eye(0.38)) return INK;
	const mouth = Math.abs(Math.hypot(u, v + 0.1 * r) - 0.55 * r) < 0.07 * r && v > 0.1 * r;
	return mouth ? INK : FACE;
}

/** @param {Buffer} bytes */
function crc32(bytes) {
	let c = ~0;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** @param {number} size @param {number} padding */
function png(size, padding) {
	const raw = Buffer.alloc(size * (size * 3 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 3 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			raw.set(pixel(x, y, size, padding), y * (size * 3 + 1) + 1 + x * 3);
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	return Buffer.concat([
		Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

writeFileSync('static/icon-192.png', png(192, 0));
writeFileSync('static/icon-512.png', png(512, 0));
writeFileSync('static/icon-maskable-512.png', png(512, 0.2));
