/**
 * Hero images for the demo articles, drawn procedurally as SVG and rendered to JPEG with sharp.
 * Nothing is downloaded and no fonts are used (no <text>), so the output is the same on every machine.
 * Each illustration is deterministic: the only "randomness" comes from a seeded PRNG.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { between, circle, glints, H, line, linear, n, pick, poly, prng, rect, skyline, svg, tree, W, wave } from './svg-drawing.js';
import { canalStreet, eastbankWater, lyricTheatre, millraceLevee, paperMill } from './demo-scenes-river.js';

// ---------------------------------------------------------------- the illustrations

function riverfrontGarage(): string {
  const rng = prng(101);
  const defs =
    linear('sky', ['#3d3b6e', '#8e6fa8', '#f2b38a', '#f8d8a8']) +
    linear('river', ['#4f6d8f', '#22344f']) +
    linear('concrete', ['#d9d4cc', '#a9a39b'], 0, 0, 1, 0);
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += circle(1230, 560, 90, '#fde3b8', 'opacity="0.9"');
  b += skyline(rng, 690, 60, 230, '#5a4f78');
  b += skyline(rng, 700, 30, 120, '#463e63', { color: '#f6cf86', chance: 0.15 });
  // the garage: stacked open decks
  const gx = 330;
  const gw = 820;
  const deck = 78;
  const floors = 5;
  const top = 700 - deck * floors;
  b += rect(gx - 10, 700 - 8, gw + 20, 14, '#7c766f');
  for (let f = 0; f < floors; f++) {
    const y = 700 - deck * (f + 1);
    const built = f < floors - 1;
    b += rect(gx, y + 20, gw, deck - 20, built ? '#2f2c3a' : 'none');
    if (built) {
      for (let c = 0; c < 9; c++) {
        if (rng() < 0.55) {
          const cx = gx + 40 + c * 88 + between(rng, 0, 20);
          b += rect(cx, y + deck - 34, 58, 22, pick(rng, ['#c0504d', '#4f81bd', '#e8e1d4', '#6b8e5a', '#d9a441']), 'rx="8"');
        }
      }
    }
    b += rect(gx, y, gw, 20, built ? 'url(#concrete)' : '#cfc8be');
    for (let c = 0; c <= 8; c++) b += rect(gx + c * (gw / 8) - 7, y + 20, 14, deck - 20, built ? '#bdb6ad' : 'none');
  }
  // rebar on the unfinished top deck
  for (let c = 0; c <= 16; c++) b += line(gx + c * (gw / 16), top + deck, gx + c * (gw / 16), top + 10, '#7b5a44', 4);
  // ramp
  b += poly(
    [
      [gx + gw, 700],
      [gx + gw + 170, 700],
      [gx + gw, 700 - deck],
    ],
    '#b8b0a6',
  );
  // tower crane
  const cx = 1290;
  b += rect(cx - 14, 150, 28, 550, 'none', 'stroke="#f2a33a" stroke-width="6"');
  for (let y = 150; y < 700; y += 40) b += line(cx - 14, y, cx + 14, y + 40, '#f2a33a', 4);
  b += rect(cx - 560, 140, 760, 22, '#f2a33a');
  for (let x = cx - 560; x < cx + 200; x += 40) b += line(x, 162, x + 40, 140, '#c97f22', 4);
  b += rect(cx + 130, 162, 70, 50, '#5b5561');
  b += line(cx - 380, 162, cx - 380, 380, '#2d2a33', 3);
  b += rect(cx - 420, 380, 80, 16, '#8a4b2f');
  b += line(cx, 60, cx - 560, 142, '#c97f22', 3) + line(cx, 60, cx + 200, 142, '#c97f22', 3) + rect(cx - 10, 60, 20, 90, '#f2a33a');
  // river and embankment
  b += rect(0, 700, W, 40, '#6f6a60');
  b += wave(760, 8, 300, 0.5, 'url(#river)');
  b += glints(rng, 775, H, 70, '#f8d8a8', 0.5);
  return svg(defs, b);
}

function schoolConsolidation(): string {
  const rng = prng(505);
  const defs = linear('bg', ['#f6f0d8', '#e4efd9']) + linear('brick', ['#b5563f', '#8f3f2e']);
  let b = rect(0, 0, W, H, 'url(#bg)');
  // street map
  for (let x = 40; x < W; x += 130) b += line(x + between(rng, -10, 10), 0, x + between(rng, -30, 30), H, '#d8d2bb', 10);
  for (let y = 30; y < H; y += 120) b += line(0, y + between(rng, -10, 10), W, y + between(rng, -20, 20), '#d8d2bb', 10);
  for (let i = 0; i < 7; i++) b += circle(between(rng, 0, W), between(rng, 0, H), between(rng, 40, 90), '#bcd7a9', 'opacity="0.7"');
  // dotted routes to two smaller schools
  b += `<path d="M800,620 C600,640 420,760 250,800" fill="none" stroke="#2f6f8f" stroke-width="8" stroke-dasharray="4 22" stroke-linecap="round"/>`;
  b += `<path d="M800,620 C1000,640 1200,300 1370,250" fill="none" stroke="#2f6f8f" stroke-width="8" stroke-dasharray="4 22" stroke-linecap="round"/>`;
  const mini = (x: number, y: number, c: string) =>
    rect(x - 70, y - 60, 140, 90, c, 'rx="6"') +
    poly(
      [
        [x - 82, y - 60],
        [x, y - 110],
        [x + 82, y - 60],
      ],
      '#4b4b4b',
    ) +
    rect(x - 16, y - 10, 32, 40, '#f6f0d8');
  b += mini(250, 830, '#e0a458') + mini(1370, 280, '#7fb0c9');
  // main school
  b += rect(430, 330, 740, 330, 'url(#brick)');
  b += rect(430, 316, 740, 22, '#5a2e24');
  b += poly(
    [
      [690, 330],
      [800, 220],
      [910, 330],
    ],
    '#5a2e24',
  );
  b += circle(800, 285, 30, '#f6f0d8') + line(800, 285, 800, 265, '#5a2e24', 5) + line(800, 285, 814, 292, '#5a2e24', 5);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 6; c++) {
      const x = 470 + c * 112 + (c >= 3 ? 80 : 0);
      b +=
        rect(x, 380 + r * 120, 70, 84, '#fbe9b7') +
        line(x + 35, 380 + r * 120, x + 35, 464 + r * 120, '#8f3f2e', 4) +
        line(x, 422 + r * 120, x + 70, 422 + r * 120, '#8f3f2e', 4);
    }
  }
  b += rect(760, 560, 80, 100, '#3b2a24', 'rx="4"') + rect(740, 548, 120, 14, '#5a2e24');
  b += rect(400, 660, 800, 18, '#9b9484');
  // flagpole
  b += rect(1230, 250, 8, 430, '#6b6b6b') + circle(1234, 248, 8, '#d4a017');
  b += `<path d="M1238,262 C1290,250 1320,290 1370,272 L1370,342 C1320,360 1290,320 1238,332 Z" fill="#2f6f8f"/>`;
  b += tree(360, 680, 190, '#5d9c59', '#6b4b3a') + tree(1320, 690, 170, '#4f8a4c', '#6b4b3a');
  return svg(defs, b);
}

function rentalHousing(): string {
  const rng = prng(606);
  const defs = linear('sky', ['#1f2847', '#3f3f74', '#8a6a9e', '#d9a0a0']) + linear('street', ['#3a3548', '#26222f']) + linear('paper', ['#fffdf6', '#efe8d6']);
  let b = rect(0, 0, W, H, 'url(#sky)');
  for (let i = 0; i < 40; i++) b += circle(between(rng, 0, W), between(rng, 0, 260), between(rng, 1, 2.5), '#ffffff', `opacity="${n(between(rng, 0.3, 0.8))}"`);
  b += circle(1380, 150, 46, '#f6ecd0', 'opacity="0.95"');
  const facades = ['#9b5a4a', '#c08457', '#7b6f8f', '#a56b5c', '#6f7f86', '#b97a60'];
  let x = -30;
  let i = 0;
  while (x < W) {
    const w = between(rng, 220, 300);
    const floors = 3;
    const top = 820 - floors * 150 - 40;
    b += rect(x, top, w, 820 - top, facades[i % facades.length]!);
    b += rect(x - 6, top - 16, w + 12, 22, '#3d2f3a');
    const cols = Math.floor((w - 40) / 62);
    for (let f = 0; f < floors; f++) {
      for (let c = 0; c < cols; c++) {
        const wx = x + 26 + c * 62;
        const wy = top + 40 + f * 150;
        const lit = rng() < 0.55;
        b += rect(wx, wy, 38, 70, lit ? '#ffd27a' : '#2c2a3d');
        if (lit) b += rect(wx, wy, 38, 10, '#e0a95a');
        b += rect(wx - 4, wy + 70, 46, 6, '#e9dcc8');
      }
      // fire escape
      if (i % 2 === 0)
        b += rect(x + w - 90, top + 118 + f * 150, 80, 6, '#2a2430') + line(x + w - 80, top + 118 + f * 150, x + w - 30, top + 268 + f * 150, '#2a2430', 4);
    }
    b += rect(x + w / 2 - 24, 740, 48, 80, '#2d2230');
    x += w;
    i++;
  }
  b += rect(0, 820, W, H - 820, 'url(#street)');
  b += rect(0, 820, W, 14, '#5a5366');
  // clipboard checklist
  b += `<g transform="rotate(-8 1290 780)">`;
  b += rect(1140, 600, 300, 380, '#8a5a36', 'rx="16"');
  b += rect(1165, 640, 250, 330, 'url(#paper)', 'rx="6"');
  b += rect(1230, 585, 120, 46, '#b8b8c0', 'rx="10"');
  for (let r = 0; r < 5; r++) {
    const y = 690 + r * 56;
    b += rect(1190, y - 16, 28, 28, 'none', 'stroke="#3f3f74" stroke-width="4" rx="4"');
    b += rect(1236, y - 6, between(rng, 110, 150), 10, '#c9c2b0', 'rx="5"');
    if (r < 2) b += `<path d="M1194,${y} l9,10 l16,-22" fill="none" stroke="#3b8a5a" stroke-width="6" stroke-linecap="round"/>`;
  }
  b += `</g>`;
  return svg(defs, b);
}

function schoolBusRoutes(): string {
  const rng = prng(909);
  const defs = linear('map', ['#f4ecd8', '#efe3c6']) + linear('bus', ['#ffcf33', '#f0a500']);
  let b = rect(0, 0, W, H, 'url(#map)');
  for (let x = 0; x < W; x += 80) b += line(x, 0, x, H, '#e2d5b5', 2);
  for (let y = 0; y < H; y += 80) b += line(0, y, W, y, '#e2d5b5', 2);
  // fields and woods
  for (let i = 0; i < 12; i++) {
    const x = between(rng, 0, W);
    const y = between(rng, 0, H);
    b +=
      `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(between(rng, 60, 150))}" ry="${n(between(rng, 40, 90))}" ` +
      `fill="${pick(rng, ['#c9dcae', '#b7d0a0', '#dde6c0'])}" ` +
      `transform="rotate(${n(between(rng, -30, 30))} ${n(x)} ${n(y)})"/>`;
  }
  // river
  b += `<path d="M1250,-20 C1180,200 1400,380 1300,560 C1220,720 1380,860 1340,1020" fill="none" stroke="#8fbfd9" stroke-width="46" stroke-linecap="round"/>`;
  // winding route as a parametric curve
  const pts: [number, number][] = [];
  for (let i = 0; i <= 240; i++) {
    const t = i / 240;
    pts.push([120 + t * 1050 + 90 * Math.sin(t * Math.PI * 5), 830 - t * 560 + 140 * Math.sin(t * Math.PI * 3 + 0.6)]);
  }
  const d = 'M' + pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' L');
  b += `<path d="${d}" fill="none" stroke="#8a8070" stroke-width="34" stroke-linejoin="round" stroke-linecap="round"/>`;
  b += `<path d="${d}" fill="none" stroke="#fffaf0" stroke-width="4" stroke-dasharray="18 16"/>`;
  // stops
  for (let i = 10; i < 240; i += 24) {
    const [x, y] = pts[i]!;
    b += circle(x, y, 20, '#ffffff') + circle(x, y, 13, '#d8433b');
  }
  // start and end: home and school
  b +=
    poly(
      [
        [60, 900],
        [120, 840],
        [180, 900],
      ],
      '#7a4e3a',
    ) + rect(75, 900, 90, 70, '#e8b4a0');
  const [ex, ey] = pts[240]!;
  b +=
    rect(ex - 60, ey - 110, 120, 80, '#b5563f') +
    poly(
      [
        [ex - 72, ey - 110],
        [ex, ey - 160],
        [ex + 72, ey - 110],
      ],
      '#5a2e24',
    );
  // bus, oriented along the road
  const [bx, by] = pts[118]!;
  const [px, py] = pts[112]!;
  const angle = (Math.atan2(by - py, bx - px) * 180) / Math.PI;
  b += `<g transform="translate(${n(bx)} ${n(by)}) rotate(${n(angle)}) scale(1.15)">`;
  b += rect(-110, -48, 220, 96, 'url(#bus)', 'rx="18" stroke="#7a5a00" stroke-width="4"');
  for (let w = 0; w < 5; w++) b += rect(-90 + w * 36, -34, 26, 22, '#3e5566', 'rx="4"');
  b += rect(86, -34, 18, 68, '#3e5566', 'rx="4"');
  b += rect(-110, 4, 220, 8, '#1f1f1f');
  b += circle(-62, 48, 16, '#222') + circle(62, 48, 16, '#222') + circle(-62, -48, 16, '#222') + circle(62, -48, 16, '#222');
  b += `</g>`;
  return svg(defs, b);
}

function cityBudget(): string {
  const rng = prng(1010);
  const defs =
    linear('bg', ['#e6f2f0', '#cde4e3']) +
    linear('bar', ['#2a9d8f', '#1d6f66']) +
    linear('barHi', ['#e9c46a', '#d19a2a']) +
    linear('coin', ['#f1d27a', '#c99a2e'], 0, 0, 1, 0);
  let b = rect(0, 0, W, H, 'url(#bg)');
  for (let y = 180; y <= 780; y += 100) b += line(120, y, 1040, y, '#a9c9c6', 2, 'stroke-dasharray="6 10"');
  // skyline behind the chart
  b += skyline(rng, 820, 80, 300, '#9cc3bf');
  // bars
  const heights = [230, 270, 255, 320, 360, 410, 470];
  heights.forEach((h, i) => {
    const x = 160 + i * 125;
    b += rect(x, 780 - h, 80, h, i === heights.length - 1 ? 'url(#barHi)' : 'url(#bar)', 'rx="6"');
  });
  let trend = '';
  heights.forEach((h, i) => {
    trend += `${i ? ' L' : 'M'}${200 + i * 125},${780 - h - 60}`;
  });
  b += `<path d="${trend}" fill="none" stroke="#264653" stroke-width="6" stroke-linejoin="round"/>`;
  heights.forEach((h, i) => (b += circle(200 + i * 125, 780 - h - 60, 12, '#ffffff', 'stroke="#264653" stroke-width="6"')));
  b += rect(100, 780, 980, 10, '#264653');
  // pie chart
  const cx = 1300;
  const cy = 330;
  const r = 190;
  const shares = [0.52, 0.18, 0.12, 0.1, 0.08];
  const colors = ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51'];
  let start = -Math.PI / 2;
  shares.forEach((s, i) => {
    const end = start + s * Math.PI * 2;
    const mid = (start + end) / 2;
    const off = i === 2 ? 24 : 0;
    const ox = Math.cos(mid) * off;
    const oy = Math.sin(mid) * off;
    const large = s > 0.5 ? 1 : 0;
    b +=
      `<path d="M${n(cx + ox)},${n(cy + oy)} ` +
      `L${n(cx + ox + r * Math.cos(start))},${n(cy + oy + r * Math.sin(start))} A${r},${r} 0 ${large} ` +
      `1 ${n(cx + ox + r * Math.cos(end))},${n(cy + oy + r * Math.sin(end))} Z" fill="${colors[i]!}" ` +
      `stroke="#e6f2f0" stroke-width="4"/>`;
    start = end;
  });
  b += circle(cx, cy, 70, '#e6f2f0');
  // coin stacks
  for (const [sx, count] of [
    [1170, 6],
    [1310, 9],
    [1450, 4],
  ] as const) {
    for (let c = 0; c < count; c++) {
      const y = 900 - c * 22;
      b += `<ellipse cx="${sx}" cy="${y + 8}" rx="62" ry="20" fill="#b0831f"/>`;
      b += rect(sx - 62, y - 6, 124, 14, 'url(#coin)');
      b += `<ellipse cx="${sx}" cy="${y - 6}" rx="62" ry="20" fill="#f3da8c" stroke="#c99a2e" stroke-width="3"/>`;
    }
  }
  b += rect(0, 920, W, 80, '#264653');
  return svg(defs, b);
}

// ---------------------------------------------------------------- public API

const DRAWINGS: Readonly<Record<string, () => string>> = {
  'riverfront-garage.jpg': riverfrontGarage,
  'paper-mill.jpg': paperMill,
  'eastbank-water.jpg': eastbankWater,
  'millrace-levee.jpg': millraceLevee,
  'school-consolidation.jpg': schoolConsolidation,
  'rental-housing.jpg': rentalHousing,
  'canal-street.jpg': canalStreet,
  'lyric-theatre.jpg': lyricTheatre,
  'school-bus-routes.jpg': schoolBusRoutes,
  'city-budget.jpg': cityBudget,
};

/** The file names of every image the demo articles reference (`image: images/<name>`). */
export const DEMO_IMAGE_NAMES: readonly string[] = Object.freeze(Object.keys(DRAWINGS));

/** The SVG source of one demo image, or null for an unknown name. Exposed for tests. */
export function demoImageSvg(name: string): string | null {
  const draw = DRAWINGS[name];
  return draw ? draw() : null;
}

/** Writes every image the demo articles reference into `dir` (creating it), as JPEG files. */
export async function writeDemoImages(dir: string): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  await Promise.all(
    DEMO_IMAGE_NAMES.map(async (name) => {
      const draw = DRAWINGS[name]!;
      await sharp(Buffer.from(draw())).jpeg({ quality: 82 }).toFile(path.join(dir, name));
    }),
  );
  return [...DEMO_IMAGE_NAMES];
}
