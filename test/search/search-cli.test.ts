import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { progressReporter } from '../../src/search/search-cli.js';

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const log: string[] = [];
  const error: string[] = [];
  const code = await main(argv, env, { log: (s) => log.push(s), error: (s) => error.push(s) });
  return { code, log: log.join('\n'), error: error.join('\n') };
}

describe('masthead search', () => {
  it('reindex rebuilds the index from the articles, in plain lines when not on a terminal', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-search-cli-'));
    const env = { DATABASE_URL: `sqlite:${dir}/db.sqlite`, LOG_LEVEL: 'silent', DATA_DIR: dir, DEMO_CONTENT: 'false' };
    fs.mkdirSync(path.join(dir, 'stories'));
    fs.writeFileSync(
      path.join(dir, 'stories', 'ferry.md'),
      '---\ntitle: Ferry timetable changes\nslug: ferry\nauthor: Ana Ruiz\n---\n\nThe ferry leaves at nine from January.\n',
    );
    const imported = await run(['import', path.join(dir, 'stories'), '--publish'], env);
    expect(imported.error).toBe('');
    expect(imported.code).toBe(0);
    const r = await run(['search', 'reindex', '--related'], env);
    expect(r.code).toBe(0);
    expect(r.log).toMatch(/Indexed 1 published stories in [\d.]+ s/);
    expect(r.log).toMatch(/Recomputed related stories for 1 stories/);
    const bad = await run(['search', 'rebuild'], env);
    expect(bad.code).toBe(2);
    expect(bad.error).toContain('Usage: masthead search reindex');
  });

  it('draws a bar on a terminal and prints each tenth otherwise', () => {
    const written: string[] = [];
    const bar = progressReporter('indexing', { log: () => {}, error: () => {} }, { isTTY: true, write: (s) => written.push(s) });
    bar(50, 100);
    bar(100, 100);
    expect(written[0]).toBe('\rindexing [###############---------------] 50% (50/100 ids)');
    expect(written[1]!.endsWith('100% (100/100 ids)\n')).toBe(true);
    const lines: string[] = [];
    const plain = progressReporter('indexing', { log: (s) => lines.push(s), error: () => {} }, { isTTY: false, write: () => {} });
    for (let i = 1; i <= 100; i++) plain(i, 100);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('indexing: 0% (1/100 ids)');
    expect(lines[10]).toBe('indexing: 100% (100/100 ids)');
  });
});
