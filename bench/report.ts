// Plain-text output for the benchmark: the machine it ran on and an aligned results table.
import fs from 'node:fs';
import os from 'node:os';
import { median, type Summary } from './load.js';

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
  target: string;
  server: Summary;
  bare: Summary;
}

const ms = (n: number) => n.toFixed(2);
const rps = (n: number) => Math.round(n).toString();

/** Per round, Masthead's req/s over the bare server's in the same round; the median of those is the headline ratio. */
export function roundRatios(r: TargetResult): number[] {
  return r.server.roundsRps.map((v, i) => v / r.bare.roundsRps[i]!);
}

/** The same per round on requests per CPU-second each server used; null when /proc gave no CPU times. */
export function cpuRatios(r: TargetResult): number[] | null {
  const ratios = r.server.roundsRps.map((v, i) => {
    const [ours, theirs] = [r.server.roundsCpu[i], r.bare.roundsCpu[i]];
    return ours && theirs ? v / ours / (r.bare.roundsRps[i]! / theirs) : null;
  });
  return ratios.every((x): x is number => x !== null) ? ratios : null;
}

const cpu = (s: Summary) => {
  const known = s.roundsCpu.filter((c): c is number => c !== null);
  return known.length ? `${Math.round(median(known) * 100)}%` : '?';
};

/**
 * One row per target: Masthead and its bare ceiling side by side, then the median per-round ratio.
 * The last row is the bare server on the first target: the ceiling itself, 1.00 by definition.
 */
export function resultsTable(results: TargetResult[]): string {
  const rows = results.map((r) => {
    const ratios = roundRatios(r);
    const perCpu = cpuRatios(r);
    return [
      r.target,
      rps(r.server.rps),
      ms(r.server.p50),
      ms(r.server.p99),
      cpu(r.server),
      rps(r.bare.rps),
      ms(r.bare.p50),
      ms(r.bare.p99),
      cpu(r.bare),
      `${median(ratios).toFixed(2)}x`,
      ratios.map((x) => x.toFixed(2)).join(' '),
      perCpu ? `${median(perCpu).toFixed(2)}x` : '?',
      `${r.server.failures}/${r.bare.failures}`,
    ];
  });
  const first = results[0];
  if (first) {
    rows.push([
      `bare node:http ceiling (${first.target} bytes)`,
      rps(first.bare.rps),
      ms(first.bare.p50),
      ms(first.bare.p99),
      cpu(first.bare),
      '',
      '',
      '',
      '',
      '1.00x',
      '',
      '1.00x',
      String(first.bare.failures),
    ]);
  }
  return formatTable(
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'cpu', 'bare req/s', 'bare p50', 'bare p99', 'bare cpu', 'vs bare', 'by round', 'per CPU-s', 'failures'],
    rows,
    [false, true, true, true, true, true, true, true, true, true, false, true, true],
  );
}
