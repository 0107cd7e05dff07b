// Starting the real server (`node bin/masthead.mjs serve`) for the benchmark, timed from spawn to its first 200.
import fs from 'node:fs';
import path from 'node:path';
import { freePort, spawnNode, waitForOk, type Child } from './processes.js';

export const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 180_000;

export interface StartedServer {
  child: Child;
  base: string;
  /** Spawn to the first 200 from `/`: process start, migrations, any demo import, listen, one render. */
  startupMs: number;
}

export interface StartOptions {
  root: string;
  databaseFile: string;
  demoContent: boolean;
  /** A CPU to pin to, or a taskset list ('0-1'); null inherits this process's (pinned) affinity. */
  cpu: number | string | null;
  /** Called with the child as soon as it exists, so teardown reaches it even if startup fails. */
  track: (child: Child) => void;
  /** More environment for this server (e.g. ANALYTICS=false). */
  env?: Record<string, string>;
  /** Node flags instead of `npm start`'s (productionNodeFlags), to measure what one of them is for. */
  nodeFlags?: string[];
}

/**
 * The V8 flags `npm start` gives node (package.json, e.g. --max-semi-space-size=4), so the bench measures the
 * process operators run. The systemd units in docs/operations.md carry the same flags.
 */
export function productionNodeFlags(root: string): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.match(/(?<=^node\s+(?:--\S+\s+)*)--\S+/g) ?? [];
}

/** Spawns the server on a free loopback port (pinned when a CPU is given) and waits for its first 200. */
export async function startMasthead(opts: StartOptions): Promise<StartedServer> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST,
    // Absolute links then name the address we fetch from: the page-weight check treats it as our origin.
    PUBLIC_URL: base,
    DATABASE_URL: `sqlite:${opts.databaseFile}`,
    DEMO_CONTENT: String(opts.demoContent),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const started = performance.now();
  const child = spawnNode('masthead', [...(opts.nodeFlags ?? productionNodeFlags(opts.root)), 'bin/masthead.mjs', 'serve'], {
    env,
    cpu: opts.cpu,
    cwd: opts.root,
  });
  opts.track(child);
  await waitForOk(`${base}/`, child, STARTUP_TIMEOUT_MS);
  return { child, base, startupMs: performance.now() - started };
}

/** Lines the server logged that deserve a look: stderr, and pino's JSON (warnings and errors at LOG_LEVEL=warn). */
export function loggedProblems(child: Child): string[] {
  return child.output.filter((l) => l.startsWith('[stderr]') || l.startsWith('[stdout] {'));
}
