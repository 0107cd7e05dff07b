import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/main.js';
import type { TestDatabase } from './databases.js';

const BIN = path.resolve('bin/masthead.mjs');

/** A free loopback port (the OS picks it; we reuse it across restarts so clients keep one base URL). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment a real `masthead serve` gets for a test database: nothing inherited but PATH and HOME. */
export function serverEnv(db: TestDatabase, port: number, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: db.dataDir,
    DEMO_CONTENT: 'false',
    LOG_LEVEL: 'warn',
    SECRET_KEY: crypto.randomBytes(24).toString('hex'),
    // The test stands in for a proxy, giving each simulated reader its own address (rate limits count per address).
    TRUST_PROXY: 'true',
    ...extra,
  };
  if (db.config.dialect === 'sqlite') env.DATABASE_URL = `sqlite:${db.config.file}`;
  else {
    env.DATABASE_URL = db.config.url;
    env.DATABASE_SCHEMA = db.pgSchema!;
  }
  return env;
}

/** An app in this process over the same database and settings as the child server (for seeding data). */
export function appFor(env: Record<string, string>): Promise<App> {
  return createApp({ ...loadConfig(env), logLevel: 'silent' });
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Everything the server printed (stdout and stderr). */
  output(): string;
  /** The same, named for failure messages. */
  stderr(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
  /** SIGKILL: no shutdown handlers, no flushing; what a power cut or the OOM killer does. */
  kill9(): Promise<string>;
  /** SIGTERM and wait: the orderly stop. */
  stop(): Promise<string>;
}

/** Starts `node bin/masthead.mjs serve` and resolves once it is listening. */
export async function startServer(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), opts.timeoutMs ?? 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Masthead is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${how}) before listening:\n${out}`));
    });
  });
  const server: ServerProcess = {
    child,
    pid: child.pid!,
    url: env.PUBLIC_URL!,
    output: () => out,
    stderr: () => out,
    exited,
    kill9() {
      child.kill('SIGKILL');
      return exited;
    },
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
  return server;
}

/**
 * Runs `masthead serve` on a free port with `env` on top of a bare environment, as an operator would
 * start a second app server. `url` is where it listens (its PUBLIC_URL may name another address).
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const base = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    HOST: '127.0.0.1',
    PORT: String(port),
    DEMO_CONTENT: 'false',
    LOG_LEVEL: 'warn',
  };
  const server = await startServer({ PUBLIC_URL: `http://127.0.0.1:${port}`, ...base, ...env }, { timeoutMs });
  return { ...server, url: `http://127.0.0.1:${port}` };
}
