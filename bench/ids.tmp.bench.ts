import { writeFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { demoUnits } from '$lib/server/demo/province';
import { demoResponses as before } from '$lib/server/demo/oldresponses.tmp';
import { demoResponses as after } from '$lib/server/demo/responses';

it('counts repeated ids at scale 10', () => {
	const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
	const members = demoUnits().filter(
		(u) => (u.kind === 'department' || u.kind === 'commune') && !u.validTo
	);
	const perDay = (1_000_000 * 10) / members.length / 308;
	const out: Record<string, unknown> = { units: members.length };
	for (const [name, gen] of [['before', before], ['after', after]] as const) {
		const seen = new Set<string>();
		let generated = 0;
		for (const unit of members) {
			const rows = gen({ instrument: service, units: [{ ...unit, validFrom: null } as never], from: '2025-01-01', to: '2025-12-31', perDay, seed: generated + 1 });
			for (const r of rows) seen.add(r.id);
			generated += rows.length;
		}
		out[name] = { generated, distinct: seen.size, repeated: generated - seen.size };
		writeFileSync('/tmp/ids.json', JSON.stringify(out));
	}
	expect(out).toBeTruthy();
});
