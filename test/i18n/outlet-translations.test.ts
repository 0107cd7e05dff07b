import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { loggedInClient, type AdminClient } from '../support/admin.js';
import { bilingualOutlet } from '../support/bilingual.js';
import { DEFAULT_SUPPORT_SETTINGS, supportSettingsSchema } from '../../src/membership/support-settings.js';
import { DEFAULT_SITE_SETTINGS, siteSettingsSchema } from '../../src/site/site-settings.js';

/**
 * What the outlet writes once (tagline, support page, appeal, tiers, funder lines) in its other languages:
 * written in the admin's forms, shown on that language's pages, and marked `lang` of the default only where
 * the newsroom left a text unwritten.
 */

const UK_STORY = '/uk/articles/mosty-pereviriaiut-pislia-poveni';
let app: TestApp;
let owner: AdminClient;

const get = async (url: string) => (await app.http.inject({ method: 'GET', url, headers: { 'user-agent': 'TestBrowser/1.0' } })).body;
/** The opening tag of the element whose text starts with `text` (not an attribute that holds it). */
const tagAround = (html: string, text: string) => {
  const m = new RegExp(`<[^<>]*>\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(html);
  expect(m, `an element starting “${text}” is on the page`).not.toBeNull();
  return m![0].slice(0, m![0].indexOf('>') + 1);
};

/** The support settings form as saved now (the default language's fields). */
async function supportForm(): Promise<Record<string, string>> {
  const s = await app.services.patrons.getSupportSettings();
  return {
    pitch: s.pitch,
    otherWays: s.otherWays,
    payByHand: s.payByHand,
    appealEnabled: '1',
    appealHeading: s.appealHeading,
    appealText: s.appealText,
    appealButton: s.appealButton,
    dismissDays: String(s.dismissDays),
    skipFirstArticles: String(s.skipFirstArticles),
  };
}

beforeAll(async () => {
  app = await bilingualOutlet();
  owner = (await loggedInClient(app, 'owner')).client;
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe("the outlet's own words in Ukrainian", () => {
  it('the forms offer one Ukrainian fieldset each, and only when the outlet has another language', async () => {
    for (const url of ['/admin/settings', '/admin/support', '/admin/tiers', '/admin/funders']) {
      const page = await owner.get(url);
      expect(page.body, url).toContain('Ukrainian version — leave a field empty to show the English text');
    }
    expect((await owner.get('/admin/support')).body).toContain('name="tr.uk.appealHeading"');
    const single = await buildApp();
    try {
      const { client } = await loggedInClient(single, 'owner');
      for (const url of ['/admin/settings', '/admin/support', '/admin/tiers', '/admin/funders'])
        expect((await client.get(url)).body, url).not.toContain('<fieldset class="translation"');
    } finally {
      await single.close();
    }
  });

  it('a /uk/ page shows the Ukrainian texts right after a save, and the English ones where none was written', async () => {
    // Pages seen before the saves: what follows proves each save purged them, in every language.
    const before = await get('/uk/support');
    expect(before).toContain('We have no owner to answer to');
    await get(UK_STORY);

    expect(
      (await owner.post('/admin/settings', { 'tr.uk.tagline': 'Незалежна журналістика, яку оплачують читачі' }, { csrfFrom: '/admin/settings' })).statusCode,
    ).toBe(200);
    const support = await owner.post(
      '/admin/support',
      {
        ...(await supportForm()),
        otherWays: 'Tips and documents help too.',
        payByHand: 'Write to us and we will send our bank details.',
        appealText: 'Become a patron for the price of a coffee.',
        'tr.uk.pitch': 'Ми не маємо власника, перед яким звітуємо. Нашу роботу оплачують читачі.',
        'tr.uk.appealHeading': 'Цей матеріал оплатили читачі',
        'tr.uk.appealButton': 'Стати патроном',
      },
      { csrfFrom: '/admin/support' },
    );
    expect(support.statusCode).toBe(200);
    const tier = await owner.post(
      '/admin/tiers',
      {
        name: 'Reader',
        description: 'Keeps one reporter on the street for an hour.',
        monthlyPrice: '5',
        yearlyPrice: '',
        currency: 'EUR',
        voteWeight: '1',
        position: '0',
        'tr.uk.name': 'Читач',
      },
      { csrfFrom: '/admin/tiers' },
    );
    expect(tier.statusCode).toBe(200);
    const funder = await owner.post(
      '/admin/funders',
      {
        name: 'River Trust',
        url: '',
        line: 'Our flood reporting is supported by {funder}.',
        position: '0',
        'tr.uk.line': 'Репортажі про повінь підтримує {funder}.',
      },
      { csrfFrom: '/admin/funders' },
    );
    expect(funder.statusCode).toBe(303);

    const page = await get('/uk/support');
    // Written in Ukrainian: no lang of its own (the page is uk).
    expect(tagAround(page, 'Ми не маємо власника')).toBe('<p class="standfirst">');
    expect(tagAround(page, 'Читач')).toBe('<h3>');
    expect(tagAround(page, 'Незалежна журналістика')).toBe('<p class="tagline">');
    expect(page).toContain('Репортажі про повінь підтримує');
    // Left empty: the English text, marked as English.
    expect(tagAround(page, 'Keeps one reporter on the street')).toBe('<p lang="en">');
    expect(tagAround(page, 'Tips and documents help too.')).toBe('<p lang="en">');
    expect(page).not.toContain('We have no owner to answer to');

    const story = await get(UK_STORY);
    expect(tagAround(story, 'Цей матеріал оплатили читачі')).toBe('<h2 id="support-appeal-heading">');
    expect(story).toMatch(/<a class="appeal-join" href="\/uk\/support">Стати патроном<\/a>/);
    expect(tagAround(story, 'Become a patron for the price of a coffee.')).toBe('<p lang="en">');

    // The English pages keep the English texts, unmarked.
    const english = await get('/support');
    expect(tagAround(english, 'We have no owner to answer to')).toBe('<p class="standfirst">');
    expect(tagAround(english, 'Reader')).toBe('<h3>');
    expect(english).toContain('Our flood reporting is supported by');
    expect(english).not.toContain('Читач');
  });

  it('a Ukrainian text is held to the limits of the English one, and the form names it', async () => {
    const res = await owner.post(
      '/admin/support',
      {
        ...(await supportForm()),
        'tr.uk.appealButton': 'Натисніть тут, щоб стати патроном нашого видання сьогодні',
      },
      { csrfFrom: '/admin/support' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('tr.uk.appealButton must be at most 40 characters');
    // Nothing was saved: the Ukrainian button from before still shows.
    expect((await app.services.patrons.getSupportSettings()).translations.uk?.appealButton).toBe('Стати патроном');
  });

  it('settings saved before translations existed still parse, with none', () => {
    const { translations: _s, ...oldSupport } = DEFAULT_SUPPORT_SETTINGS;
    const { translations: _t, ...oldSite } = DEFAULT_SITE_SETTINGS;
    expect(supportSettingsSchema.parse(oldSupport).translations).toEqual({});
    expect(siteSettingsSchema.parse(oldSite).translations).toEqual({});
    // An empty field is dropped: the default language's text shows.
    expect(siteSettingsSchema.parse({ ...oldSite, translations: { uk: { tagline: '  ' } } }).translations).toEqual({ uk: {} });
  });
});
