import { describe, expect, it } from 'vitest';
import { fitSlope, judgeMemory, type MemorySample } from '../soak/memory.js';

const opts = { warmupFraction: 0.25, maxSlopeMiBPerMin: 2, maxGrowth: 0.3 };
/** Samples every 5 s for `minutes`, RSS given by `f(minute)`. */
const series = (minutes: number, f: (m: number) => number): MemorySample[] =>
  Array.from({ length: minutes * 12 + 1 }, (_, i) => ({ minute: i / 12, rssMiB: f(i / 12), anonMiB: f(i / 12) / 2 }));

describe('soak memory verdict', () => {
  it('fits a least-squares slope', () => {
    expect(
      fitSlope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(
      fitSlope([
        [0, 4],
        [1, 4],
      ]),
    ).toBe(0);
    expect(fitSlope([[0, 4]])).toBe(0);
  });

  it('calls a steady climb after warm-up a leak', () => {
    const v = judgeMemory(
      series(10, (m) => 80 + 6 * m),
      opts,
    );
    expect(v.slopeMiBPerMin).toBeCloseTo(6);
    expect(v.leak).toBe(true);
  });

  it('does not call a warm-up rise that levels off a leak', () => {
    // Fills its caches in the first two minutes, then holds with noise.
    const v = judgeMemory(
      series(10, (m) => (m < 2 ? 80 + 30 * m : 140) + Math.sin(m * 40) * 3),
      opts,
    );
    expect(v.leak).toBe(false);
    expect(Math.abs(v.slopeMiBPerMin)).toBeLessThan(1);
  });

  it('needs both a steep slope and real growth: a slow drift on a large base is not a clear leak', () => {
    const v = judgeMemory(
      series(10, (m) => 400 + 3 * m),
      opts,
    );
    expect(v.slopeMiBPerMin).toBeGreaterThan(2);
    expect(v.growth).toBeLessThan(0.3);
    expect(v.leak).toBe(false);
  });

  it('declines to judge too short a run', () => {
    expect(
      judgeMemory(
        series(0, () => 100),
        opts,
      ),
    ).toMatchObject({ leak: false, reason: expect.stringMatching(/too few samples/) });
  });
});
