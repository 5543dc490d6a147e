import { issue, type Issue } from '$lib/survey/issues';
import type { ResponseInput } from '$lib/survey/responses';
import { mayEnterFor, type Actor } from '../auth/scope';
import type { RetiredDevice } from '../devices/devices.repository';

/**
 * Who sends a batch: a signed-in person, an enrolled kiosk, or a citizen on the public link
 * (`/r/UNIT`), who has no credentials at all.
 */
export type Submitter = Actor | { public: true; user?: undefined; device?: undefined };

const channelIssue = (channel: string): Issue[] => [
	issue(['channel'], 'channel', `this sender submits channel ${channel} only`, { channel })
];

/**
 * The channels' rights. Each channel has one kind of sender, so nobody can pass answers off
 * as another channel's:
 *
 * - `kiosk` only from an enrolled device, for the device's own unit: its own answers, or
 *   those of a retired kiosk of the unit that it carries (taken before that one retired);
 * - `web` only from the public link, without credentials, device or paper fields;
 * - `dossier` the same, and only with the signed link of one dossier (checked in ingest);
 * - `paper` only from signed-in staff of the unit (or an admin), keyed into a batch.
 *
 * `history` lets an admin import answers of any channel from an earlier system (the import
 * is audited); it means nothing for anybody else.
 */
export function actorIssues(
	actor: Submitter,
	response: ResponseInput,
	history = false,
	retired: ReadonlyMap<string, RetiredDevice> = new Map()
): Issue[] {
	if (!actor.user && !actor.device) {
		if (response.channel !== 'web' && response.channel !== 'dossier') return channelIssue('web');
		if ((response.channel === 'dossier') !== (response.dossier !== undefined))
			return [issue(['dossier'], 'dossierLink', 'a dossier answer comes with its signed link')];
		const extra = (['deviceId', 'deviceSeq', 'serial', 'batch', 'batchId'] as const).filter(
			(key) => response[key] !== undefined
		);
		return extra.map((key) =>
			issue([key], 'publicField', 'not accepted from the public link', { field: key })
		);
	}
	if (response.dossier) return channelIssue(actor.device ? 'kiosk' : 'paper');
	if (actor.device) {
		if (response.channel !== 'kiosk') return channelIssue('kiosk');
		if (response.unit !== actor.device.unitCode) {
			return [
				issue(
					['unit'],
					'deviceUnit',
					`this device is bound to unit ${actor.device.unitCode}, not ${response.unit}`,
					{ unit: actor.device.unitCode, named: response.unit }
				)
			];
		}
		const from = response.deviceId ?? actor.device.id;
		const carried = from === actor.device.id ? undefined : retired.get(from);
		if (from !== actor.device.id && !carried) {
			return [issue(['deviceId'], 'deviceId', 'deviceId is not the id of the device sending it')];
		}
		const retiredAt = carried ? carried.retiredAt : actor.device.retiredAt;
		if (retiredAt && Date.parse(response.submittedAt) > retiredAt.getTime()) {
			const at = retiredAt.toISOString();
			return [
				issue(['submittedAt'], 'deviceRetired', `taken after the kiosk was retired (${at})`, { at })
			];
		}
		return [];
	}
	if (!mayEnterFor(actor.user, response.unit))
		return [
			issue(
				['unit'],
				'notYourUnit',
				`${actor.user.username} may not submit answers for unit ${response.unit}`,
				{ user: actor.user.username, unit: response.unit }
			)
		];
	if (history && actor.user.role === 'admin') return [];
	if (response.channel !== 'paper') return channelIssue('paper');
	if (!response.batchId)
		return [issue(['batchId'], 'batchRequired', 'a paper form is keyed into a collection batch')];
	return [];
}
