import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import { shippedInstruments } from '$lib/survey/shipped';
import EntryScreen from './EntryScreen.svelte';

/**
 * The entry screen's keyboard, mounted on its own in the second-keying mode (which needs no
 * IndexedDB): what each key answers, where the cursor goes, and what Enter posts. SvelteKit's
 * runtime is not there, so `$app/*` are stood in for: the page, and `enhance`, which here
 * hands each submission to the screen's own handler and records what it would post.
 */
const kit = vi.hoisted(() => ({
	page: { url: new URL('http://entry.test/entry/b/verify'), data: { locale: 'vi' } },
	posts: [] as { fields: Record<string, FormDataEntryValue>; cancelled: boolean }[]
}));
vi.mock('$app/state', () => ({ page: kit.page }));
vi.mock('$app/navigation', () => ({ goto: vi.fn() }));
vi.mock('$app/forms', () => ({
	applyAction: vi.fn(),
	enhance(form: HTMLFormElement, submit: (input: object) => Promise<unknown>) {
		const post = async () => {
			const formData = new FormData(form);
			let cancelled = false;
			await submit({ formData, formElement: form, cancel: () => (cancelled = true) });
			kit.posts.push({ fields: Object.fromEntries(formData), cancelled });
		};
		const onsubmit = (event: SubmitEvent) => {
			event.preventDefault();
			void post();
		};
		form.addEventListener('submit', onsubmit);
		return { destroy: () => form.removeEventListener('submit', onsubmit) };
	}
}));

const instrument = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const data: ComponentProps<typeof EntryScreen>['data'] = {
	batch: {
		id: '0192f0a0-0000-7000-8000-000000000001',
		unitCode: 'DEMO.X01',
		instrumentCode: instrument.code,
		label: 'Đợt tháng 3',
		periodStart: '2026-03-01',
		periodEnd: '2026-03-31',
		expected: 100,
		verifyPercent: 10,
		verifySerials: [],
		createdBy: null,
		createdAt: new Date('2026-03-01T00:00:00Z')
	},
	unitName: 'Phường Hồng Bàng',
	instrument,
	day: '2026-03-15',
	taken: [],
	userId: 'u',
	editId: null,
	editing: undefined
};

const focused = () => document.activeElement?.id;
const open = () => render(EntryScreen, { props: { data, verify: { pending: ['7', '12'] } } });

describe('the entry screen’s keys', () => {
	it('starts on the first serial to key again; one key per answer moves on by itself', async () => {
		const screen = await open();
		await expect.element(screen.getByLabelText('Số phiếu')).toHaveValue('7');
		await expect.poll(focused).toBe('f-0');
		await userEvent.keyboard('{Enter}');
		expect(focused()).toBe('f-1');
		await userEvent.keyboard('54');
		expect(focused()).toBe('f-3');
		const a1 = screen.getByRole('radiogroup', { name: /^A1\./ });
		await expect.element(a1.getByRole('radio', { name: '5', exact: true })).toBeChecked();
		// Backspace goes back; 0 blanks the answer and moves on.
		await userEvent.keyboard('{Backspace}{Backspace}0');
		await expect.element(a1.getByRole('radio', { checked: true })).not.toBeInTheDocument();
		expect(focused()).toBe('f-2');
	});

	it('refuses a key the item has no use for, and says so beside it', async () => {
		const screen = await open();
		await expect.poll(focused).toBe('f-0');
		await userEvent.keyboard('{Enter}n');
		await expect.element(screen.getByText('Phím này không dùng cho câu A1.')).toBeVisible();
		expect(focused()).toBe('f-1');
		await userEvent.keyboard('3');
		await expect
			.element(screen.getByText('Phím này không dùng cho câu A1.'))
			.not.toBeInTheDocument();
	});

	it('stops a serial outside the sample at the serial field, with the reason beside it', async () => {
		const screen = await open();
		await expect.poll(focused).toBe('f-0');
		await userEvent.keyboard('99{Enter}');
		await expect
			.element(screen.getByRole('alert').first())
			.toHaveTextContent('Phiếu số 99 không thuộc mẫu nhập kiểm tra của đợt.');
		expect(focused()).toBe('f-0');
		expect(screen.getByLabelText('Số phiếu').element().getAttribute('aria-invalid')).toBe('true');
	});

	it('posts the serial and the answers as keyed when Enter ends the form', async () => {
		kit.posts.length = 0;
		await open();
		await expect.poll(focused).toBe('f-0');
		await userEvent.keyboard('{Enter}5432{Enter}');
		await expect.poll(() => kit.posts.length).toBe(1);
		const [post] = kit.posts;
		expect(post!.cancelled).toBe(false);
		expect(post!.fields.serial).toBe('7');
		expect(JSON.parse(String(post!.fields.answers))).toEqual({ A1: 5, A2: 4, A3: 3, B1: 2 });
	});
});
