/**
 * The front page's top: one lead slot and a few secondary slots. Editors pin stories to slots;
 * a slot nobody pinned shows the newest story not already shown above it.
 */

/** Slot 0 is the lead; slots 1..SECONDARY_SLOTS are the secondary stories beside or under it. */
export const LEAD_SLOT = 0;
export const SECONDARY_SLOTS = 4;
export const FRONT_SLOT_COUNT = 1 + SECONDARY_SLOTS;

/** An editor's pin: this story stays in this slot until it is unpinned, unpublished or deleted. */
export interface FrontPin {
  slot: number;
  articleId: number;
  pinnedAt: string;
  /** The staff member who pinned it (null once their account is gone). */
  pinnedBy: number | null;
}

/** One slot as the newsroom sees it: who fills it and whether an editor chose that. */
export interface FrontSlot<T> {
  slot: number;
  story: T | null;
  pinned: boolean;
}

export interface ComposedFront<T> {
  slots: FrontSlot<T>[];
  /** The newest stories that are not in a slot, in publication order. */
  latest: T[];
  /** Ids of every story shown above the section blocks, so those blocks can leave them out. */
  shown: Set<number>;
}

export function isFrontSlot(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < FRONT_SLOT_COUNT;
}

/**
 * Fills the slots: pinned stories where they were pinned, then each empty slot, in order, with the
 * newest story not pinned elsewhere. `pinned` holds only stories that are public right now, so an
 * unpublished pin falls back to the newest like an empty slot. No story is shown twice.
 */
export function composeFront<T extends { id: number }>(pinned: Map<number, T>, newest: T[]): ComposedFront<T> {
  const used = new Set<number>([...pinned.values()].map((s) => s.id));
  const pool = newest.filter((s) => !used.has(s.id));
  const slots: FrontSlot<T>[] = [];
  for (let slot = 0; slot < FRONT_SLOT_COUNT; slot++) {
    const pin = pinned.get(slot);
    if (pin) {
      slots.push({ slot, story: pin, pinned: true });
      continue;
    }
    const next = pool.shift() ?? null;
    if (next) used.add(next.id);
    slots.push({ slot, story: next, pinned: false });
  }
  return { slots, latest: pool, shown: new Set([...used, ...pool.map((s) => s.id)]) };
}

/** The order of slots after moving the story in `from` to `to`: the two slots swap their pins. */
export function swapSlots(pins: FrontPin[], from: number, to: number): FrontPin[] {
  return pins.map((p) => (p.slot === from ? { ...p, slot: to } : p.slot === to ? { ...p, slot: from } : p));
}
