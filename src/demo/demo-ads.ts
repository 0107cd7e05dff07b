/**
 * Two house ads for the demo outlet, drawn as SVG like the demo pictures and rendered with sharp:
 * the newsroom's own live event, and a bookshop in the fictional town. So `npm start` shows ads.
 */
import sharp from 'sharp';
import type { AdService } from '../ads/ad-service.js';
import { circle, linear, n, prng, rect } from './svg-drawing.js';

const AW = 1600;
const AH = 500;
const frame = (defs: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${AW}" height="${AH}" viewBox="0 0 ${AW} ${AH}"><defs>${defs}</defs>${body}</svg>`;
const text = (x: number, y: number, size: number, fill: string, words: string, weight = 700, anchor = 'start') =>
  `<text x="${x}" y="${y}" text-anchor="${anchor}" font-family="DejaVu Sans, Liberation Sans, Arial, ` +
  `sans-serif" font-size="${size}" font-weight="${weight}" fill="${fill}">${words}</text>`;

/** The Lyric's marquee at night, for the newsroom's budget evening. */
function budgetNight(): string {
  const rng = prng(2027);
  let b = rect(0, 0, AW, AH, 'url(#night)');
  for (let i = 0; i < 60; i++) b += circle(rng() * AW, rng() * 180, 1 + rng() * 2, '#f8f1d8', `opacity="${n(0.3 + rng() * 0.6)}"`);
  b += rect(1090, 120, 430, 380, '#2b1b2e');
  b += rect(1115, 150, 380, 120, '#f4c95d');
  for (let i = 0; i < 20; i++) b += circle(1125 + i * 19, 140, 6, '#fff3c4');
  for (let i = 0; i < 20; i++) b += circle(1125 + i * 19, 280, 6, '#fff3c4');
  b += text(1305, 224, 40, '#2b1b2e', 'BUDGET NIGHT', 700, 'middle');
  b += rect(1220, 330, 170, 170, '#120c14');
  b += text(80, 160, 60, '#fdf6e3', 'Where does the money go?');
  b += text(80, 250, 32, '#f4c95d', 'Our reporters walk you through the 2027 city budget', 500);
  b += text(80, 300, 32, '#f4c95d', 'live on stage at the Lyric Theatre. Questions welcome.', 500);
  b += text(80, 410, 32, '#fdf6e3', 'Thursday 7 pm · free for patrons · tickets €5');
  return frame(linear('night', ['#1b2440', '#3a2a4d']), b);
}

/** Shelves of books and a shop sign, for a bookshop on Canal Street. */
function bookshop(): string {
  const rng = prng(1848);
  let b = rect(0, 0, AW, AH, '#f3e7d3');
  const spines = ['#8c2f39', '#2f5d62', '#d9a441', '#3d405b', '#6b8f71', '#b5654a', '#594157'];
  for (let shelf = 0; shelf < 3; shelf++) {
    const base = 160 + shelf * 150;
    b += rect(900, base, 650, 12, '#6b4f33');
    for (let x = 910; x < 1530;) {
      const w = 18 + rng() * 26;
      const h = 90 + rng() * 40;
      b += rect(x, base - h, w - 3, h, spines[Math.floor(rng() * spines.length)]!);
      x += w;
    }
  }
  b += text(80, 150, 76, '#3d2b1f', 'Millrace Books');
  b += text(80, 225, 32, '#2f5d62', 'New and second-hand, 14 Canal Street', 500);
  b += text(80, 275, 32, '#2f5d62', 'Open late on Thursdays. Local history shelf.', 500);
  b += rect(80, 330, 560, 80, '#8c2f39', 'rx="8"');
  b += text(108, 383, 32, '#fdf6e3', 'Ten percent off for readers');
  return frame('', b);
}

/** Adds the demo campaigns to an empty site; does nothing where campaigns exist. Returns how many it added. */
export async function loadDemoAds(ads: AdService, now: Date): Promise<number> {
  if ((await ads.listCampaignSummaries()).length) return 0;
  const campaigns = [
    {
      draw: budgetNight,
      raw: {
        name: 'Budget Night at the Lyric',
        advertiser: 'The Riverbend Dispatch',
        alt: 'Budget Night: our reporters walk you through the 2027 city budget, live at the Lyric Theatre, Thursday at 7 pm. Free for patrons, tickets 5 euros.',
        link: 'https://riverbend-dispatch.example/events/budget-night',
        slots: ['article-end', 'home'],
        weight: '3',
      },
    },
    {
      draw: bookshop,
      raw: {
        name: 'Millrace Books, winter',
        advertiser: 'Millrace Books',
        alt: 'Millrace Books, new and second-hand, 14 Canal Street. Open late on Thursdays. Ten percent off for readers.',
        link: 'https://millrace-books.example/',
        slots: ['article-inline', 'article-end', 'sidebar'],
        weight: '2',
        dailyCap: '5',
      },
    },
  ];
  let added = 0;
  for (const c of campaigns) {
    const image = await sharp(Buffer.from(c.draw())).jpeg({ quality: 84 }).toBuffer();
    const result = await ads.createCampaign(c.raw, image, { now, actor: null });
    if (!result.ok) throw new Error(`demo campaign ${c.raw.name}: ${result.message}`);
    added++;
  }
  return added;
}
