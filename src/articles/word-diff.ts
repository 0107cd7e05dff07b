import type * as JsDiff from 'diff';
import { lazyPackage } from '../lazy-package.js';

// Loaded with the first diff view, not at start.
const jsdiff = lazyPackage<typeof JsDiff>('diff');

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Past this many edits (words and spaces added plus removed) the diff stops looking and shows the whole text
 * replaced: two unrelated versions of a long story would otherwise cost seconds to compare.
 */
const MAX_EDITS = 1_000;

/**
 * A word-level diff over words and the spaces between them, with jsdiff's Myers algorithm: time and
 * memory grow with the number of edits, not with the product of the two lengths.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  const changes = jsdiff().diffArrays(a, b, { maxEditLength: MAX_EDITS });
  if (!changes) {
    return merge([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  }
  return merge(changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value.join('') })));
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.kind === p.kind) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
