import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Just enough ZIP for spreadsheets (an XLSX is a ZIP of XML files): read the entries of an
 * archive, and write one. No ZIP64, no encryption; stored or deflated entries only.
 */

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Reads every entry of an archive, each inflated to at most `maxBytes` (a zip bomb stops there). */
export function readZip(data: Uint8Array, maxBytes = 64 * 1024 * 1024): Map<string, Buffer> {
	const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	let end = -1;
	for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
		if (buffer.readUInt32LE(i) === EOCD) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new ZipError('not a ZIP archive');
	const count = buffer.readUInt16LE(end + 10);
	let at = buffer.readUInt32LE(end + 16);
	const entries = new Map<string, Buffer>();
	let total = 0;
	for (let n = 0; n < count; n++) {
		if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL)
			throw new ZipError('damaged ZIP directory');
		const method = buffer.readUInt16LE(at + 10);
		const size = buffer.readUInt32LE(at + 20);
		const nameLength = buffer.readUInt16LE(at + 28);
		const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
		const local = buffer.readUInt32LE(at + 42);
		const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
		at += 46 + skip;
		if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== LOCAL)
			throw new ZipError('damaged ZIP entry');
		const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
		const raw = buffer.subarray(start, start + size);
		if (method !== 0 && method !== 8) throw new ZipError(`unsupported compression in ${name}`);
		let content: Buffer;
		try {
			content = method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: maxBytes - total + 1 });
		} catch {
			throw new ZipError(`cannot read ${name}`);
		}
		total += content.length;
		if (total > maxBytes) throw new ZipError('archive too large when unpacked');
		entries.set(name, content);
	}
	return entries;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** Writes an archive of deflated entries. */
export function writeZip(files: Record<string, string | Buffer>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(files)) {
		const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
		const packed = deflateRawSync(data);
		const nameBytes = Buffer.from(name, 'utf8');
		const header = Buffer.alloc(30);
		header.writeUInt32LE(LOCAL, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt16LE(0x0800, 6); // names in UTF-8
		header.writeUInt16LE(8, 8);
		header.writeUInt32LE(crc32(data), 14);
		header.writeUInt32LE(packed.length, 18);
		header.writeUInt32LE(data.length, 22);
		header.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(CENTRAL, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		header.copy(central, 8, 6, 30);
		central.writeUInt32LE(offset, 42);
		locals.push(header, nameBytes, packed);
		centrals.push(central, nameBytes);
		offset += header.length + nameBytes.length + packed.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(EOCD, 0);
	end.writeUInt16LE(centrals.length / 2, 8);
	end.writeUInt16LE(centrals.length / 2, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
