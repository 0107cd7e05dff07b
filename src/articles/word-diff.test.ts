import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff.js';

const text = (parts: { kind: string; text: string }[], keep: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (keep === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('diffWords', () => {
  it('marks the words that changed and keeps the rest, spaces included', () => {
    const parts = diffWords('The council voted 5 to 2 on Tuesday.', 'The council voted 6 to 1 on Tuesday night.');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['5', '2', 'Tuesday.']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['6', '1', 'Tuesday night.']);
    expect(text(parts, 'before')).toBe('The council voted 5 to 2 on Tuesday.');
    expect(text(parts, 'after')).toBe('The council voted 6 to 1 on Tuesday night.');
  });

  it('says nothing changed for equal texts, and all added from nothing', () => {
    expect(diffWords('same words', 'same words')).toEqual([{ kind: 'same', text: 'same words' }]);
    expect(diffWords('', 'new story')).toEqual([{ kind: 'added', text: 'new story' }]);
  });

  it('compares two long versions with a few edits without a table of their product (100,000 words each)', () => {
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i}`);
    const before = words.join(' ');
    const after = words.map((w, i) => (i % 10_000 === 5 ? `${w}x` : w)).join(' ');
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.kind === 'added')).toHaveLength(10);
    expect(text(parts, 'after')).toBe(after);
    expect(text(parts, 'before')).toBe(before);
  });

  it('shows unrelated long versions as one replacement', () => {
    const before = Array.from({ length: 5_000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 5_000 }, (_, i) => `b${i}`).join(' ');
    expect(diffWords(before, after)).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  });
});
