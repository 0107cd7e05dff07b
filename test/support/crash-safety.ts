import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { readRows, sqliteIntegrity } from './db-read.js';
import { appFor, freePort, serverEnv, startServer, type ServerProcess } from './server-process.js';
import { startSmtpServer } from './smtp.js';
import { PERSISTED_QUERIES, seedLoad, WriteLoad, type Persisted } from './write-load.js';

// A real `masthead serve` process under a steady write load, killed with SIGKILL at random moments.
// Whatever the server acknowledged before it died must be in the database after it comes back.
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: TestDatabase | null = null;
let server: ServerProcess | null = null;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await server?.kill9();
  server = null;
  while (cleanups.length) await cleanups.pop()!();
  await db?.cleanup();
  db = null;
});

async function readPersisted(database: TestDatabase): Promise<Persisted> {
  const entries = await Promise.all(Object.entries(PERSISTED_QUERIES).map(async ([k, q]) => [k, await readRows(database, q)] as const));
  return Object.fromEntries(entries) as unknown as Persisted;
}

/** The whole scenario on one database kind; each kind has its own test file so the two run in parallel. */
export function describeCrashSafety(kind: 'sqlite' | 'postgres', available: boolean) {
  describe.skipIf(!available)(`crash safety on ${kind}`, () => {
    it(`keeps every acknowledged write through ${KILLS} kill -9s under load`, { timeout: 1_200_000 }, async () => {
      db = await createTestDatabase(kind);
      const smtp = await startSmtpServer();
      cleanups.push(() => smtp.close());
      const env = serverEnv(db, await freePort(), { SMTP_URL: smtp.url });
      const seeding = await appFor(env);
      const seed = await seedLoad(seeding);
      await seeding.close();

      const load = new WriteLoad(seed, env.PUBLIC_URL!, smtp.messages);
      const kills: string[] = [];
      for (let i = 0; i < KILLS; i++) {
        server = await startServer(env);
        const stop = new AbortController();
        const running = load.run(stop.signal);
        // Once the load is flowing (a few writes answered, however busy the machine), a random moment later.
        // (A fresh process answers its first requests slowly, a sign-in link's mail most of all.)
        await load.waitForAcks(3, 20_000);
        await sleep(crypto.randomInt(1500));
        kills.push(await server.kill9());
        server = null;
        stop.abort();
        await running;
      }
      expect(kills).toEqual(Array(KILLS).fill('SIGKILL'));

      // Back up once more, as after the last crash, and look at the database directly.
      server = await startServer(env);
      const lost = load.check(await readPersisted(db));
      const summary = load.summary();
      console.log(`[crash-safety:${kind}] ${KILLS} kills; acknowledged: ${JSON.stringify(summary)}`);
      expect(lost, 'acknowledged writes missing after the last restart').toEqual([]);
      expect(load.refusals, 'the load only makes valid requests: every answer should be a success').toEqual([]);
      // The load must have been real: writes of every kind acknowledged across the kills.
      // (Loose bounds: on a busy machine a cycle may fit only a few requests.)
      expect(summary.reports + summary.votes + summary.edits + summary.signInLinks + summary.signIns).toBeGreaterThanOrEqual(KILLS);
      expect(summary.reports).toBeGreaterThan(0);
      expect(summary.votes).toBeGreaterThan(0);
      expect(summary.edits).toBeGreaterThan(0);
      expect(summary.signInLinks).toBeGreaterThan(0);
      // The check itself must be able to fail: hide one acknowledged report and it is reported lost.
      const persisted = await readPersisted(db);
      const hidden = load.acked.reports[0]!;
      expect(load.check({ ...persisted, reports: persisted.reports.filter((r) => Number(r.id) !== hidden.id) })).toEqual([
        expect.stringContaining(`correction report #${hidden.id}`),
      ]);
      const front = await fetch(`${server.url}/`);
      expect(front.status).toBe(200);
      await server.stop();
      server = null;
      if (db.config.dialect === 'sqlite') expect(sqliteIntegrity(db.config.file)).toBe('ok');
    });
  });
}
