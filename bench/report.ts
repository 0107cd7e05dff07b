// Plain-text output for the benchmark: the machine it ran on and an aligned results table.
import fs from 'node:fs';
import os from 'node:os';
import type { Summary } from './load.js';

/** The CPU model line from /proc/cpuinfo: results from different machines are not comparable. */
export function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1];
    if (line) return line.trim();
  } catch {
    // Not Linux: fall through to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** Left-aligns text columns and right-aligns numeric ones, so the table reads in a terminal and in a commit message. */
export function formatTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export interface TargetResult {
  page: string;
  server: Summary;
  bare: Summary;
}

const ms = (n: number) => n.toFixed(1);
const rps = (n: number) => Math.round(n).toString();

/** One row per server per page; "vs bare" is median req/s over the bare server's median req/s. */
export function resultsTable(results: TargetResult[]): string {
  const rows = results.flatMap(({ page, server, bare }) =>
    (
      [
        ['masthead', server],
        ['bare', bare],
      ] as const
    ).map(([name, s]) => [
      page,
      name,
      rps(s.rps),
      ms(s.p50),
      ms(s.p99),
      String(s.failures),
      `${(s.rps / bare.rps).toFixed(2)}x`,
      s.roundsRps.map(rps).join(' '),
    ]),
  );
  return formatTable(
    ['page', 'server', 'req/s', 'p50 ms', 'p99 ms', 'failures', 'vs bare', 'req/s by round'],
    rows,
    [false, false, true, true, true, true, true, false],
  );
}
