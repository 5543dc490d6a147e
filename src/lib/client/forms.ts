import { enhance } from '$app/forms';
import type { SubmitFunction } from '@sveltejs/kit';

type Input = Parameters<SubmitFunction>[0];
type After = Exclude<Awaited<ReturnType<SubmitFunction>>, void>;

/** Options of a form: `reset: false` keeps what was typed after a successful action. */
export interface SubmitOptions {
	reset?: boolean;
	/** Runs before the post: may add to `formData`, or `cancel()` it (for work done in the page). */
	before?: (input: Input) => unknown;
	/** Replaces the default handling of the result (`update`). */
	after?: After;
}

/**
 * Every POST form of the app, `<form method="POST" use:submitting>`: SvelteKit's `enhance`
 * (the result is applied without a page load, focus and scroll kept) plus what a clerk with a
 * stack of paper needs from a button pressed twice: the second press is ignored while the first
 * post is on its way, and the form says it is busy (`aria-busy`, styled in app.css) until the
 * result is on screen. Without JavaScript the form posts as plain HTML does.
 */
export function submitting(form: HTMLFormElement, options: SubmitOptions = {}) {
	let busy = false;
	const idle = () => {
		busy = false;
		form.removeAttribute('aria-busy');
	};
	return enhance(form, async (input) => {
		if (busy) return input.cancel();
		busy = true;
		form.setAttribute('aria-busy', 'true');
		let cancelled = false;
		await options.before?.({
			...input,
			cancel: () => {
				cancelled = true;
				input.cancel();
			}
		});
		if (cancelled) return idle();
		return async (result) => {
			try {
				if (options.after) await options.after(result);
				else await result.update({ reset: options.reset ?? true });
			} finally {
				idle();
			}
		};
	});
}

/**
 * The guard alone, for the two forms that post to an endpoint rather than a page action
 * (`/lang`, `/logout`): both change the session or the document's language, so a full page
 * load is what they want. A press while the page is leaving is ignored; coming back through
 * the browser's history makes the form usable again.
 */
export function submitOnce(form: HTMLFormElement) {
	const submit = (event: SubmitEvent) => {
		if (form.hasAttribute('aria-busy')) event.preventDefault();
		else form.setAttribute('aria-busy', 'true');
	};
	const shown = () => form.removeAttribute('aria-busy');
	form.addEventListener('submit', submit);
	window.addEventListener('pageshow', shown);
	return {
		destroy() {
			form.removeEventListener('submit', submit);
			window.removeEventListener('pageshow', shown);
		}
	};
}
