#!/usr/bin/env node
// `npm test`: type-check, lint, then every test (unit, store on SQLite + PostgreSQL, HTTP, browser).
// Installs Debian's chromium for the browser tests where it can (root with apt-get); says what it skips where it can't.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    console.log('[test] Installing Debian chromium for the browser tests (apt-get install -y chromium)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env }) === 0 && run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0 && fs.existsSync(CHROMIUM)) {
      return true;
    }
  }
  console.warn(
    `[test] SKIPPING browser tests: ${CHROMIUM} is missing and could not be installed here (needs root and ` +
      `apt-get). Install it with: sudo apt-get install -y chromium`,
  );
  return false;
}

const env = { ...process.env };
if (!ensureChromium()) {
  if (process.env.CI) {
    console.error('[test] In CI the browser tests must run: chromium is required.');
    process.exit(1);
  }
  env.MASTHEAD_SKIP_BROWSER = '1';
}

const steps = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.']],
];
for (const [name, cmd, args] of steps) {
  console.log(`[test] ${name}`);
  if (run(cmd, args, { env }) !== 0) {
    console.error(`[test] ${name} failed`);
    process.exit(1);
  }
}

fs.mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
fs.rmSync(report, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], { env });
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) {
    console.error('[test] no tests ran');
    process.exit(1);
  }
}
process.exit(status);
