import { describe, expect, it } from 'vitest';
import { composeFront, FRONT_SLOT_COUNT, swapSlots } from './front-page.js';

const s = (id: number) => ({ id });
const ids = (xs: ({ id: number } | null)[]) => xs.map((x) => x?.id ?? null);

describe('composeFront', () => {
  it('fills every slot with the newest stories when nothing is pinned, and lists the rest as latest', () => {
    const f = composeFront(new Map(), [9, 8, 7, 6, 5, 4, 3].map(s));
    expect(ids(f.slots.map((x) => x.story))).toEqual([9, 8, 7, 6, 5]);
    expect(f.slots.every((x) => !x.pinned)).toBe(true);
    expect(ids(f.latest)).toEqual([4, 3]);
    expect([...f.shown].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps pins in their slots and never shows a pinned story twice', () => {
    const f = composeFront(
      new Map([
        [0, s(1)],
        [2, s(8)],
      ]),
      [9, 8, 7, 6, 5, 4].map(s),
    );
    expect(ids(f.slots.map((x) => x.story))).toEqual([1, 9, 8, 7, 6]);
    expect(f.slots.map((x) => x.pinned)).toEqual([true, false, true, false, false]);
    expect(ids(f.latest)).toEqual([5, 4]);
  });

  it('leaves slots empty when there are too few stories', () => {
    const f = composeFront(new Map(), [s(1)]);
    expect(f.slots).toHaveLength(FRONT_SLOT_COUNT);
    expect(ids(f.slots.map((x) => x.story))).toEqual([1, null, null, null, null]);
    expect(f.latest).toEqual([]);
  });
});

describe('swapSlots', () => {
  it('swaps two pins and leaves the others', () => {
    const pins = [0, 1, 3].map((slot) => ({ slot, articleId: slot + 10, pinnedAt: 't', pinnedBy: null }));
    expect(swapSlots(pins, 0, 3).map((p) => [p.slot, p.articleId])).toEqual([
      [3, 10],
      [1, 11],
      [0, 13],
    ]);
  });
});
