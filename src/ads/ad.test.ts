import { describe, expect, it } from 'vitest';
import { splitAfterParagraph } from '../views/partials/ad-slot.js';
import { checkCampaign, eligibleCampaigns, parseAdDate, sanitizeAdHtml, type Campaign, type RawCampaign } from './ad.js';
import { reportCsv } from './ad-report.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const good: RawCampaign = {
  name: 'Winter book fair',
  mediaId: 4,
  alt: 'Stacks of books in a shop window',
  link: 'https://bookshop.example/fair',
  slots: ['article-end'],
};

describe('checking a campaign', () => {
  it('accepts a complete campaign and fills defaults: starts now, weight 1, no end, no cap', () => {
    const r = checkCampaign(good, NOW);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Winter book fair',
        advertiser: '',
        mediaId: 4,
        alt: 'Stacks of books in a shop window',
        html: '',
        link: 'https://bookshop.example/fair',
        slots: ['article-end'],
        startsAt: NOW.toISOString(),
        endsAt: null,
        weight: 1,
        dailyCap: null,
        sectionSlug: null,
        tagSlug: null,
      },
    });
  });

  it('reads dates as whole UTC days (the end day included) and targeting as slugs', () => {
    const r = checkCampaign({ ...good, starts: '2026-12-05', ends: '2026-12-31', weight: '40', dailyCap: '3', section: 'City Hall', tag: 'Budget' }, NOW);
    expect(r.ok && r.value).toMatchObject({
      startsAt: '2026-12-05T00:00:00.000Z',
      endsAt: '2027-01-01T00:00:00.000Z',
      weight: 40,
      dailyCap: 3,
      sectionSlug: 'city-hall',
      tagSlug: 'budget',
    });
  });

  const refused = (raw: RawCampaign) => {
    const r = checkCampaign(raw, NOW);
    if (r.ok) throw new Error('expected a refusal');
    return { field: r.field, message: r.message };
  };

  it('names the field for each problem a person will hit', () => {
    expect(refused({ ...good, mediaId: null })).toEqual({ field: 'image', message: expect.stringContaining('image is missing') });
    expect(refused({ ...good, link: 'javascript:alert(1)' })).toEqual({ field: 'link', message: 'link must start with http:// or https://, not javascript:' });
    expect(refused({ ...good, link: 'ftp://files.example/x' })).toMatchObject({ field: 'link' });
    expect(refused({ ...good, link: 'bookshop' })).toMatchObject({ field: 'link', message: expect.stringContaining('full web address') });
    expect(refused({ ...good, starts: '2026-12-10', ends: '2026-12-09' })).toEqual({ field: 'ends', message: 'ends must be after starts' });
    expect(refused({ ...good, slots: ['article-end', 'popup'] })).toEqual({ field: 'slots', message: expect.stringContaining('"popup" is not a slot') });
    expect(refused({ ...good, slots: [] })).toMatchObject({ field: 'slots' });
    expect(refused({ ...good, weight: '0' })).toEqual({ field: 'weight', message: 'weight must be a whole number from 1 to 100' });
    expect(refused({ ...good, weight: '101' })).toMatchObject({ field: 'weight' });
    expect(refused({ ...good, weight: '2.5' })).toMatchObject({ field: 'weight' });
    expect(refused({ ...good, dailyCap: '-1' })).toMatchObject({ field: 'cap' });
    expect(refused({ ...good, alt: '' })).toMatchObject({ field: 'alt' });
    expect(refused({ ...good, name: '  ' })).toEqual({ field: 'name', message: 'name must not be empty' });
    expect(refused({ ...good, starts: '31/12/2026' })).toMatchObject({ field: 'starts' });
    expect(refused({ ...good, ends: '2026-02-30' })).toMatchObject({ field: 'ends' });
  });

  it('sanitizes HTML creatives: no scripts, no links, no outside images', () => {
    const html =
      '<p onclick="x()">Fair <a href="https://elsewhere.example">today</a><script>alert(1)</script></p><img src="https://tracker.example/p.gif"><img src="/media/a/1.jpg" alt="">';
    expect(sanitizeAdHtml(html)).toBe('<p>Fair <span>today</span></p><img src="/media/a/1.jpg" alt="" loading="lazy" decoding="async" />');
    expect(refused({ ...good, mediaId: null, html: '<script>alert(1)</script>' })).toMatchObject({ field: 'html' });
    const ok = checkCampaign({ ...good, mediaId: null, alt: '', html: '<p><strong>Open late</strong> on Fridays</p>' }, NOW);
    expect(ok.ok && ok.value.html).toBe('<p><strong>Open late</strong> on Fridays</p>');
  });

  it('reads a bare date as a whole day where the outlet is, across a DST change', () => {
    expect(parseAdDate('2026-12-01', 'start', 'America/Chicago')).toBe('2026-12-01T06:00:00.000Z');
    expect(parseAdDate('2026-12-31', 'end', 'America/Chicago')).toBe('2027-01-01T06:00:00.000Z');
    // The clocks go forward on 8 March 2026 in Chicago: that day is 23 hours long.
    expect(parseAdDate('2026-03-08', 'start', 'America/Chicago')).toBe('2026-03-08T06:00:00.000Z');
    expect(parseAdDate('2026-03-08', 'end', 'America/Chicago')).toBe('2026-03-09T05:00:00.000Z');
    const inZone = checkCampaign({ ...good, starts: '2026-12-01', ends: '2026-12-31' }, NOW, 'Asia/Kolkata');
    expect(inZone.ok && [inZone.value.startsAt, inZone.value.endsAt]).toEqual(['2026-11-30T18:30:00.000Z', '2026-12-31T18:30:00.000Z']);
  });

  it('parses full ISO times too, and refuses impossible ones', () => {
    expect(parseAdDate('2026-12-01T08:30:00+01:00', 'start')).toBe('2026-12-01T07:30:00.000Z');
    expect(parseAdDate('2026-13-01', 'start')).toBeNull();
    expect(parseAdDate('soon', 'end')).toBeNull();
  });
});

const campaign = (id: number, over: Partial<Campaign> = {}): Campaign => ({
  id,
  name: `c${id}`,
  advertiser: '',
  creative: { kind: 'html', html: '<p>x</p>' },
  link: 'https://a.example/',
  slots: ['article-end'],
  startsAt: '2026-11-01T00:00:00.000Z',
  endsAt: null,
  weight: 1,
  dailyCap: null,
  sectionSlug: null,
  tagSlug: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('which campaigns a page carries', () => {
  it('matches slot, section and tag, drops ended ones and keeps ones that start later', () => {
    const all = [
      campaign(1),
      campaign(2, { sectionSlug: 'city-hall' }),
      campaign(3, { sectionSlug: 'sports' }),
      campaign(4, { tagSlug: 'budget' }),
      campaign(5, { tagSlug: 'schools' }),
      campaign(6, { endsAt: NOW.toISOString() }),
      campaign(7, { startsAt: '2027-01-01T00:00:00.000Z' }),
      campaign(8, { slots: ['home'] }),
    ];
    const ids = eligibleCampaigns(all, { slot: 'article-end', sectionSlug: 'city-hall', tagSlugs: ['budget', 'transit'] }, NOW).map((c) => c.id);
    expect(ids).toEqual([1, 2, 4, 7]);
    expect(eligibleCampaigns(all, { slot: 'home', sectionSlug: null, tagSlugs: [] }, NOW).map((c) => c.id)).toEqual([8]);
  });
});

describe('the inline slot position', () => {
  it('goes after the nth top-level paragraph, never inside a quote or list, and not after the last one', () => {
    const body = '<p>One</p><blockquote><p>Quoted</p></blockquote><p>Two</p><ul><li><p>Item</p></li></ul><p>Three</p><pre>code</pre>';
    expect(splitAfterParagraph(body, 2)).toEqual([
      '<p>One</p><blockquote><p>Quoted</p></blockquote><p>Two</p>',
      '<ul><li><p>Item</p></li></ul><p>Three</p><pre>code</pre>',
    ]);
    expect(splitAfterParagraph(body, 3)?.[1]).toBe('<pre>code</pre>');
    expect(splitAfterParagraph('<p>One</p><p>Two</p>', 2)).toBeNull();
    expect(splitAfterParagraph('<p>One</p>', 5)).toBeNull();
  });
});

describe('the CSV report', () => {
  it('writes one row per campaign and day, quoting commas and defusing formulas', () => {
    const csv = reportCsv([
      {
        id: 3,
        name: 'Fair, winter',
        advertiser: '=HYPERLINK("x")',
        impressions: 10,
        clicks: 1,
        ctr: 10,
        days: [{ day: '2026-12-01', impressions: 10, clicks: 1, ctr: 10 }],
      },
    ]);
    expect(csv).toBe('campaign_id,campaign,advertiser,day,impressions,clicks,ctr_percent\r\n3,"Fair, winter","\'=HYPERLINK(""x"")",2026-12-01,10,1,10\r\n');
  });
});
