import { parseArgs } from 'node:util';
import type { RelatedService } from './related-service.js';
import type { SearchService } from './search-service.js';

type Out = { log: (s: string) => void; error: (s: string) => void };

const USAGE = "Usage: masthead search reindex [--related]\n  --related   also recompute every story's related list (slow on a large archive)";

/** A progress bar on a terminal; plain lines every tenth otherwise (logs, CI, pipes). */
export function progressReporter(label: string, out: Out, tty: { isTTY?: boolean; write(s: string): unknown }): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    if (tty.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      const ids = `${done.toLocaleString('en')}/${total.toLocaleString('en')} ids`;
      tty.write(`\r${label} [${bar}] ${Math.round(share * 100)}% (${ids})${share === 1 ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      out.log(`${label}: ${tenth * 10}% (${done.toLocaleString('en')}/${total.toLocaleString('en')} ids)`);
    }
  };
}

/** `masthead search …`. Returns the exit code. */
export async function runSearchCli(
  args: string[],
  services: { search: SearchService; related: RelatedService },
  now: Date,
  out: Out,
  tty: { isTTY?: boolean; write(s: string): unknown } = process.stderr,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reindex') {
    out.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { related: { type: 'boolean' } } });
  const r = await services.search.reindex(progressReporter('indexing', out, tty));
  const size = r.bytes === null ? '' : `, ${(r.bytes / 1024 ** 2).toFixed(1)} MiB`;
  out.log(`Indexed ${r.indexed.toLocaleString('en')} published stories in ${r.seconds.toFixed(1)} s${size}.`);
  if (values.related) {
    const started = performance.now();
    const n = await services.related.recomputeAll(now, progressReporter('related stories', out, tty));
    out.log(`Recomputed related stories for ${n.toLocaleString('en')} stories in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  return 0;
}
