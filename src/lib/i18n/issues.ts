import { isMessageKey, translate, type Locale } from './index';

/** Why the server refused something, for people: the catalog text when it has one, else the English message. */
export function issueText(
	locale: Locale,
	issue: { message: string; key?: string; params?: Record<string, string | number> }
): string {
	return issue.key && isMessageKey(issue.key)
		? translate(locale, issue.key, issue.params)
		: issue.message;
}
