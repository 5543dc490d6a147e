// `npm test`: type check, lint, unit and integration tests (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), components in the system Chromium, production build, browser
// tests against it.
// Ends with the plain line `tests: N passed, N failed, N skipped`; exits non-zero when
// anything failed or nothing ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/**
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @returns {boolean}
 */
function run(label, command, args) {
	console.log(`\n▶ ${label}`);
	const started = Date.now();
	const child = spawnSync(command, args, { stdio: 'inherit' });
	console.log(
		`  ${label}: ${child.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	return child.status === 0;
}

/** @param {'server' | 'client' | 'components' | 'e2e'} project */
function vitest(project) {
	const file = `${results}/${project}.json`;
	const ok = run(`tests (${project})`, 'npx', [
		'vitest',
		'run',
		'--project',
		project,
		'--reporter=verbose',
		'--reporter=json',
		`--outputFile.json=${file}`
	]);
	if (existsSync(file)) {
		const report = JSON.parse(readFileSync(file, 'utf8'));
		totals.passed += report.numPassedTests;
		totals.failed += report.numFailedTests;
		totals.skipped += report.numPendingTests + report.numTodoTests;
		console.log(`  ${project}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
		if (project === 'server') printEngines(report);
	}
	return ok;
}

/**
 * Server suites name their engine (`units [pglite]`, `units [postgres]`): show both halves.
 * @param {{ testResults: { assertionResults: { fullName: string, status: string }[] }[] }} report
 */
function printEngines(report) {
	for (const engine of ['pglite', 'postgres']) {
		const tests = report.testResults
			.flatMap((file) => file.assertionResults)
			.filter((test) => test.fullName.includes(`[${engine}]`));
		const passed = tests.filter((test) => test.status === 'passed').length;
		console.log(`  on ${engine}: ${passed} passed, ${tests.length - passed} not passed`);
	}
}

/** The system Chromium, installed from Debian when missing and allowed; never a silent skip. */
function ensureChromium() {
	const path = process.env.CHROME_PATH || '/usr/bin/chromium';
	if (existsSync(path)) return path;
	const debian = existsSync('/etc/debian_version');
	const root = process.getuid?.() === 0;
	const command = 'apt-get update && apt-get install -y --no-install-recommends chromium';
	if (!debian || !root) {
		console.error(
			`\nBrowser tests need Chromium at ${path} (or set CHROME_PATH). Install it with:\n  sudo ${command}`
		);
		return undefined;
	}
	console.log(
		`\nChromium not found at ${path}: installing the Debian package 'chromium' (${command}).`
	);
	const ok = run('install chromium', 'bash', [
		'-c',
		`DEBIAN_FRONTEND=noninteractive ${command} >/dev/null`
	]);
	return ok && existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** @param {boolean} ok @returns {never} */
function finish(ok) {
	const ran = totals.passed + totals.failed;
	console.log(
		`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`
	);
	if (ran === 0) console.error('No test ran.');
	process.exit(ok && totals.failed === 0 && ran > 0 ? 0 : 1);
}

let ok = run('type check', 'npm', ['run', '--silent', 'check']);
ok = run('lint', 'npm', ['run', '--silent', 'lint']) && ok;
ok = vitest('server') && ok;
ok = vitest('client') && ok;
const chrome = ensureChromium();
if (!chrome) finish(false);
process.env.CHROME_PATH = chrome;
ok = vitest('components') && ok;
if (!run('build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) finish(false);
ok = vitest('e2e') && ok;
finish(ok);
