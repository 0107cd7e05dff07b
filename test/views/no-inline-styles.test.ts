import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../src');

/** Every .tsx template under src/. */
function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return templates(p);
    return e.name.endsWith('.tsx') ? [p] : [];
  });
}

describe('templates', () => {
  it('carry no style attributes: the CSP (style-src without unsafe-inline) makes browsers drop them', () => {
    const files = templates(ROOT);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\sstyle=[{"]/.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found, 'move these to a stylesheet').toEqual([]);
  });
});
