import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdsCli } from '../../src/ads/ad-cli.js';
import { buildApp, type TestApp } from '../support/app.js';
import { imageBytes } from '../support/factories.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function cli(...args: string[]) {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runAdsCli(args, app!.services, app!.clock(), { log: (s) => void log.push(s), error: (s) => void error.push(s) });
  return { code, log: log.join('\n'), error: error.join('\n') };
}

async function imageFile() {
  const file = path.join(app!.db.dataDir, 'fair.jpg');
  fs.writeFileSync(file, await imageBytes(900, 300));
  return file;
}

describe('masthead ads', () => {
  it('adds a campaign from an image file, prints its id, lists it and reports its counts by day', async () => {
    app = await buildApp();
    const image = await imageFile();
    const added = await cli(
      'add',
      '--name',
      'Book fair',
      '--slot',
      'article-end',
      '--slot',
      'home',
      '--image',
      image,
      '--alt',
      'Books in a window',
      '--link',
      'https://lantern.example/',
      '--advertiser',
      'Lantern Books',
      '--section',
      'City Hall',
      '--tag',
      'Budget',
      '--starts',
      '2026-11-27',
      '--ends',
      '2026-12-31',
      '--weight',
      '7',
    );
    expect(added).toMatchObject({ code: 0, error: '' });
    expect(added.log).toMatch(/^\d+$/);
    const id = Number(added.log);
    expect(await app.services.ads.findCampaign(id)).toMatchObject({
      slots: ['article-end', 'home'],
      sectionSlug: 'city-hall',
      tagSlug: 'budget',
      weight: 7,
      startsAt: '2026-11-27T00:00:00.000Z',
      endsAt: '2027-01-01T00:00:00.000Z',
      creative: { kind: 'image', alt: 'Books in a window' },
    });

    await app.services.ads.recordImpression(id, app.clock());
    await app.services.ads.recordImpression(id, app.clock());
    await app.services.ads.recordClick(id, app.clock());
    const list = await cli('list', '--json');
    expect(JSON.parse(list.log)).toEqual([expect.objectContaining({ id, name: 'Book fair', state: 'running', impressions: 2, clicks: 1, ctr_percent: 50 })]);
    expect((await cli('list')).log).toContain(`${id}\trunning\tarticle-end,home\t2 seen\t1 clicks\t50%\tBook fair`);
    const report = await cli('report', '--json');
    expect(JSON.parse(report.log)).toEqual([
      {
        id,
        name: 'Book fair',
        advertiser: 'Lantern Books',
        impressions: 2,
        clicks: 1,
        ctr_percent: 50,
        days: [{ day: '2026-11-27', impressions: 2, clicks: 1 }],
      },
    ]);
    expect((await cli('report')).log).toContain('  2026-11-27\t2 seen\t1 clicks');
  });

  it('refuses bad values with a message naming the field and exit 1; bad usage exits 2', async () => {
    app = await buildApp();
    const image = await imageFile();
    const base = ['--name', 'Fair', '--slot', 'article-end', '--alt', 'Books', '--link', 'https://lantern.example/'];
    expect(await cli('add', ...base)).toMatchObject({ code: 1, error: expect.stringContaining('image is missing') });
    expect(await cli('add', ...base, '--image', image, '--link', 'javascript:alert(1)')).toMatchObject({
      code: 1,
      error: expect.stringContaining('link must start with http:// or https://'),
    });
    expect(await cli('add', ...base, '--image', image, '--starts', '2026-12-10', '--ends', '2026-12-01')).toMatchObject({
      code: 1,
      error: expect.stringContaining('ends must be after starts'),
    });
    expect(await cli('add', ...base, '--image', image, '--slot', 'popover')).toMatchObject({
      code: 1,
      error: expect.stringContaining('"popover" is not a slot'),
    });
    expect(await cli('add', ...base, '--image', image, '--weight', '0')).toMatchObject({
      code: 1,
      error: expect.stringContaining('weight must be a whole number from 1 to 100'),
    });
    expect(await cli('add', ...base, '--image', path.join(app.db.dataDir, 'missing.jpg'))).toMatchObject({
      code: 1,
      error: expect.stringContaining('could not be read (ENOENT)'),
    });
    expect(await cli('add', '--slot', 'home')).toMatchObject({ code: 2, error: expect.stringContaining('ads add needs --name') });
    expect(await cli('add', '--name', 'x', '--colour', 'red')).toMatchObject({ code: 2 });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, error: expect.stringContaining('Unknown ads command') });
    expect(JSON.parse((await cli('list', '--json')).log)).toEqual([]);
  });
});
