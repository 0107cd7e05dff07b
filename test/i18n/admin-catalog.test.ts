import fs from 'node:fs/promises';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { adminEn } from '../../src/i18n/catalogs/admin-en.js';
import { adminText } from '../../src/i18n/admin-text.js';

/** Every source file under src/, as text. */
async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (/\.tsx?$/.test(entry.name) && !full.includes(`${path.sep}catalogs${path.sep}`)) out.push(await fs.readFile(full, 'utf8'));
  }
  return out;
}

describe('the admin catalog', () => {
  it('has no key that no source file asks for (missing keys fail the typecheck: adminText takes only its keys)', async () => {
    const all = (await sources(path.resolve('src'))).join('\n');
    const unused = Object.keys(adminEn).filter((key) => !all.includes(`adminText('${key}'`));
    expect(unused).toEqual([]);
  });

  it('parses as ICU and fills its placeholders', () => {
    for (const [key, message] of Object.entries(adminEn)) expect(() => new IntlMessageFormat(message, 'en'), key).not.toThrow();
    expect(adminText('frame.logOut', { name: 'Ana' })).toBe('Log out Ana');
    expect(adminText('frame.title', { page: 'Articles', site: 'The Dispatch' })).toBe('Articles · The Dispatch admin');
  });
});
