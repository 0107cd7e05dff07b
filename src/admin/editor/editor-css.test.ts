import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const variable = (css: string, name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim() ?? null;

describe('the writing page sets the body as the published story', () => {
  it('uses the same measure and serif stack as the site stylesheet', () => {
    const site = read('../../views/assets/site.css');
    const editor = read('./editor.css');
    expect(variable(site, '--measure')).not.toBeNull();
    expect(variable(editor, '--story-measure')).toBe(variable(site, '--measure'));
    expect(variable(editor, '--story-serif')).toBe(variable(site, '--serif'));
  });
});
