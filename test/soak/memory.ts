/** One reading of the server's memory, `minute` minutes into the soak. */
export interface MemorySample {
  minute: number;
  rssMiB: number;
  anonMiB: number;
}

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two points. */
export function fitSlope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export interface MemoryVerdict {
  leak: boolean;
  reason: string;
  slopeMiBPerMin: number;
  /** (last tenth's mean − first tenth's mean) / first tenth's mean, after warm-up. */
  growth: number;
  firstMiB: number;
  lastMiB: number;
}

/**
 * A clear leak is a sustained climb: RSS rising faster than `maxSlopeMiBPerMin` after the warm-up
 * AND more than `maxGrowth` (a fraction) above where it stood when the warm-up ended. Either alone is
 * noise: a slope from a few MiB of late JIT or cache fill, or growth from a short run's small base.
 */
export function judgeMemory(samples: MemorySample[], opts: { warmupFraction: number; maxSlopeMiBPerMin: number; maxGrowth: number }): MemoryVerdict {
  const end = samples.at(-1)?.minute ?? 0;
  const steady = samples.filter((s) => s.minute >= end * opts.warmupFraction);
  if (steady.length < 4)
    return { leak: false, reason: `too few samples after warm-up (${steady.length}) to judge`, slopeMiBPerMin: 0, growth: 0, firstMiB: 0, lastMiB: 0 };
  const slope = fitSlope(steady.map((s) => [s.minute, s.rssMiB]));
  const tenth = Math.max(1, Math.floor(steady.length / 10));
  const mean = (xs: MemorySample[]) => xs.reduce((s, x) => s + x.rssMiB, 0) / xs.length;
  const firstMiB = mean(steady.slice(0, tenth));
  const lastMiB = mean(steady.slice(-tenth));
  const growth = (lastMiB - firstMiB) / firstMiB;
  const leak = slope > opts.maxSlopeMiBPerMin && growth > opts.maxGrowth;
  const reason =
    `RSS slope ${slope.toFixed(2)} MiB/min (limit ${opts.maxSlopeMiBPerMin}), ` + `growth ${(growth * 100).toFixed(1)}% (limit ${opts.maxGrowth * 100}%)`;
  return { leak, reason, slopeMiBPerMin: slope, growth, firstMiB, lastMiB };
}
