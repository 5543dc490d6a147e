import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Module boundaries (docs/architecture.md): what each part of the house may import. Regexes,
 * so that a relative path (`../server/db`) is caught as surely as `$lib/server/db`.
 */
/**
 * @param {string} message
 * @param {...string} regexes
 * @returns {import('eslint').Linter.RulesRecord}
 */
const boundary = (message, ...regexes) => ({
	'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }]
});
const SERVER = String.raw`(^\$lib/server)|(^\.\.?/(.*/)?server(/|$))`;

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'data/', 'node_modules/', 'test-results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// The app is always served at the root (no paths.base), so plain hrefs are right.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		// Code that runs in the browser: components, client modules, the service worker and
		// universal load functions.
		files: [
			'src/lib/client/**',
			'src/lib/components/**',
			'src/service-worker/**',
			'src/**/*.svelte',
			'src/**/*.svelte.ts',
			'src/routes/**/+page.ts',
			'src/routes/**/+layout.ts'
		],
		rules: boundary('Browser code never imports server code.', SERVER)
	},
	{
		// The survey rules and the index math run anywhere and depend on nothing of the app.
		files: ['src/lib/survey/**'],
		ignores: ['src/lib/survey/**/*.spec.ts'],
		rules: boundary(
			'lib/survey is pure: no server, client, Node or SvelteKit imports.',
			SERVER,
			String.raw`(^\$lib/client)|(^\.\.?/(.*/)?client(/|$))`,
			'^node:',
			String.raw`^\$(app|env)/`,
			'^@sveltejs/'
		)
	},
	{
		// Routes call services; SQL lives in the domains' *.repository.ts files only.
		files: ['src/routes/**'],
		rules: boundary(
			'Routes call services: import the domain service, not its repository.',
			String.raw`\.repository$`
		)
	}
);
