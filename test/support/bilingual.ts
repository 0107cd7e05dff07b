import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { buildApp, type TestApp } from './app.js';

/** A Markdown story file with front matter, by Olena Marchuk in City, published 20 November 2026. */
export const STORY = (fm: string, body: string) => `---\n${fm}\nauthors: [Olena Marchuk]\nsection: City\npublished_at: 2026-11-20T09:00:00Z\n---\n${body}\n`;

/**
 * An outlet in English with Ukrainian: "bridges-checked" and its Ukrainian translation
 * ("mosty-pereviriaiut-pislia-poveni", imported with `translation_of`), and an English-only "ferry-timetable".
 */
export async function bilingualOutlet(opts: Parameters<typeof buildApp>[0] = {}): Promise<TestApp> {
  const a = await buildApp(opts);
  const saved = await a.services.site.updateSettings({ languages: ['uk'] as never, timeZone: 'Europe/Kyiv' });
  expect(saved.ok).toBe(true);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'i18n-'));
  await fs.writeFile(
    path.join(dir, 'a.md'),
    STORY('title: Bridges are checked after the flood\nslug: bridges-checked\nlanguage: en', 'Engineers walked every span on Tuesday.'),
  );
  await fs.writeFile(
    path.join(dir, 'b.md'),
    STORY('title: Мости перевіряють після повені\nlanguage: uk\ntranslation_of: bridges-checked', 'Інженери у вівторок обійшли кожен проліт.'),
  );
  await fs.writeFile(
    path.join(dir, 'c.md'),
    STORY('title: Ferry timetable changes\nslug: ferry-timetable\nlanguage: en', 'The ferry runs hourly from Monday.'),
  );
  const result = await a.services.importer.importPaths([dir], { publish: true, update: false, now: a.clock(), defaultLanguage: 'en' });
  await fs.rm(dir, { recursive: true, force: true });
  expect(result).toMatchObject({ ok: true });
  return a;
}
