import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Braces open and close in order, ignoring comments: one unclosed block swallows every rule after it into a media query. */
function unbalancedAt(css: string): number | null {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  let depth = 0;
  let line = 1;
  for (const ch of text) {
    if (ch === '\n') line++;
    if (ch === '{') depth++;
    if (ch === '}' && --depth < 0) return line;
  }
  return depth === 0 ? null : line;
}

describe('stylesheets', () => {
  it.each(['site', 'admin'])('%s.css closes every block it opens', (name) => {
    expect(unbalancedAt(fs.readFileSync(`src/views/assets/${name}.css`, 'utf8'))).toBeNull();
  });
});
