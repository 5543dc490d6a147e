import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key one sender's requests are counted under. An IPv4 address is one sender (or one
 * office behind NAT). An IPv6 address is not: every home and phone gets at least a /64 and
 * picks addresses in it at will, so counting per full address would make a /64 unlimited.
 * IPv6 is counted per /64 (its first four groups); an IPv4 address written as IPv6
 * (`::ffff:1.2.3.4`, as dual-stack sockets report it) counts as the IPv4 address.
 */
export function senderKey(address: string): string {
	const bare = address.replace(/%.*$/, '');
	if (isIPv4(bare)) return bare;
	if (!isIPv6(bare)) return bare.slice(0, 64);
	const groups = expand(bare);
	const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
	if (mapped)
		return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
	return `${groups
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` filled, a dotted IPv4 tail read). */
function expand(address: string): number[] {
	let text = address;
	const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (tail) {
		const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
		text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, rest] = text.split('::') as [string, string | undefined];
	const left = head ? head.split(':') : [];
	const right = rest ? rest.split(':') : [];
	const zeros = rest === undefined ? [] : Array(8 - left.length - right.length).fill('0');
	return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}
