import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { senderKey } from './addresses';

describe('the key a sender is counted under', () => {
	it('is the address for IPv4, also when written as IPv6', () => {
		expect(senderKey('203.0.113.7')).toBe('203.0.113.7');
		expect(senderKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(senderKey('::ffff:cb00:7107')).toBe('203.0.113.7');
	});

	it('is the /64 for IPv6, however the address is written', () => {
		const key = '2001:db8:aa:bb::/64';
		expect(senderKey('2001:db8:aa:bb::1')).toBe(key);
		expect(senderKey('2001:0db8:00aa:00bb:ffff:1:2:3')).toBe(key);
		expect(senderKey('2001:DB8:AA:BB:0:0:0:9%eth0')).toBe(key);
		expect(senderKey('2001:db8:aa:bc::1')).not.toBe(key);
		expect(senderKey('::1')).toBe('0:0:0:0::/64');
	});

	it('puts every address of one /64 under one key, and different /64s apart', () => {
		const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
		fc.assert(
			fc.property(
				fc.array(group, { minLength: 4, maxLength: 4 }),
				fc.array(group, { minLength: 4, maxLength: 4 }),
				fc.array(group, { minLength: 4, maxLength: 4 }),
				(prefix, a, b) => {
					const one = senderKey([...prefix, ...a].join(':'));
					expect(one).toBe(senderKey([...prefix, ...b].join(':')));
					const other = [...prefix];
					other[3] = ((parseInt(other[3]!, 16) + 1) % 0x10000).toString(16);
					expect(senderKey([...other, ...a].join(':'))).not.toBe(one);
				}
			)
		);
	});

	it('keeps anything else short', () => {
		expect(senderKey('x'.repeat(200))).toHaveLength(64);
	});
});
