/**
 * Hero images for the demo articles, drawn procedurally as SVG and rendered to JPEG with sharp.
 * Nothing is downloaded and no fonts are used (no <text>), so the output is the same on every machine.
 * Each illustration is deterministic: the only "randomness" comes from a seeded PRNG.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const W = 1600;
const H = 1000;

/** mulberry32: a tiny deterministic PRNG returning numbers in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const n = (v: number) => (Math.round(v * 10) / 10).toString();

// ---------------------------------------------------------------- SVG building blocks

function svg(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;
}

function linear(id: string, stops: readonly string[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
  const s = stops.map((c, i) => `<stop offset="${n((i / Math.max(1, stops.length - 1)) * 100)}%" stop-color="${c}"/>`).join('');
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${s}</linearGradient>`;
}

function radial(id: string, inner: string, outer: string, innerOpacity = 1, outerOpacity = 0): string {
  return `<radialGradient id="${id}"><stop offset="0%" stop-color="${inner}" stop-opacity="${innerOpacity}"/><stop offset="100%" stop-color="${outer}" stop-opacity="${outerOpacity}"/></radialGradient>`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}" ${extra}/>`;
}

function circle(cx: number, cy: number, r: number, fill: string, extra = ''): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}" ${extra}/>`;
}

function poly(points: readonly (readonly [number, number])[], fill: string, extra = ''): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}" ${extra}/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}" ${extra}/>`;
}

/** A band of water: a sine-wave top edge closed down to `bottom`. */
function wave(y: number, amp: number, length: number, phase: number, fill: string, bottom = H, extra = ''): string {
  let d = `M0,${n(bottom)} L0,${n(y + amp * Math.sin(phase))}`;
  for (let x = 0; x <= W; x += 20) d += ` L${x},${n(y + amp * Math.sin((x / length) * Math.PI * 2 + phase))}`;
  d += ` L${W},${n(bottom)} Z`;
  return `<path d="${d}" fill="${fill}" ${extra}/>`;
}

/** Short horizontal glints on water. */
function glints(rng: Rng, top: number, bottom: number, count: number, color: string, opacity: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const y = between(rng, top, bottom);
    const x = between(rng, -40, W);
    const len = between(rng, 30, 160) * (0.5 + (y - top) / (bottom - top));
    out += rect(x, y, len, between(rng, 2, 5), color, `rx="2" opacity="${n(opacity * between(rng, 0.4, 1))}"`);
  }
  return out;
}

/** A skyline silhouette of rectangular blocks, optionally with lit windows. */
function skyline(rng: Rng, base: number, minH: number, maxH: number, fill: string, windows?: { color: string; chance: number }): string {
  let out = '';
  let x = -20;
  while (x < W + 20) {
    const w = between(rng, 50, 140);
    const h = between(rng, minH, maxH);
    out += rect(x, base - h, w + 2, h, fill);
    if (rng() < 0.25) out += rect(x + w * 0.4, base - h - between(rng, 15, 50), 4, 50, fill);
    if (windows) {
      for (let wy = base - h + 14; wy < base - 16; wy += 22) {
        for (let wx = x + 10; wx < x + w - 14; wx += 18) {
          if (rng() < windows.chance) out += rect(wx, wy, 8, 11, windows.color, 'opacity="0.85"');
        }
      }
    }
    x += w + between(rng, 0, 8);
  }
  return out;
}

function cloud(cx: number, cy: number, s: number, fill: string, opacity: number): string {
  return `<g opacity="${opacity}">${circle(cx, cy, 60 * s, fill)}${circle(cx + 70 * s, cy - 25 * s, 75 * s, fill)}${circle(cx + 150 * s, cy, 55 * s, fill)}${rect(cx - 10 * s, cy, 180 * s, 55 * s, fill, `rx="${n(27 * s)}"`)}</g>`;
}

function tree(x: number, base: number, size: number, leaf: string, trunk: string): string {
  return rect(x - size * 0.06, base - size * 0.5, size * 0.12, size * 0.5, trunk) + circle(x, base - size * 0.7, size * 0.38, leaf) + circle(x - size * 0.2, base - size * 0.52, size * 0.26, leaf) + circle(x + size * 0.22, base - size * 0.55, size * 0.27, leaf);
}

// ---------------------------------------------------------------- the illustrations

function riverfrontGarage(): string {
  const rng = prng(101);
  const defs = linear('sky', ['#3d3b6e', '#8e6fa8', '#f2b38a', '#f8d8a8']) + linear('river', ['#4f6d8f', '#22344f']) + linear('concrete', ['#d9d4cc', '#a9a39b'], 0, 0, 1, 0);
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
  b += poly([[gx + gw, 700], [gx + gw + 170, 700], [gx + gw, 700 - deck]], '#b8b0a6');
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

function paperMill(): string {
  const rng = prng(202);
  const defs = linear('sky', ['#3b1f3a', '#a33b3b', '#ec7a36', '#f9c46b']) + linear('water', ['#c1552f', '#4a1f2c']) + radial('sunGlow', '#ffe3a3', '#ffb35c', 0.9, 0) + '<filter id="soft" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="10"/></filter>';
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += circle(540, 560, 330, 'url(#sunGlow)');
  b += circle(540, 560, 150, '#ffd98a');
  b += skyline(rng, 640, 20, 70, '#7a2e3a');
  const dark = '#2a1422';
  // smoke
  b += '<g filter="url(#soft)">';
  for (let i = 0; i < 14; i++) b += circle(1040 + i * 38 + between(rng, -10, 10), 150 - i * 9 + between(rng, -20, 20), 40 + i * 5, '#f3d9c6', `opacity="${n(0.45 - i * 0.025)}"`);
  for (let i = 0; i < 10; i++) b += circle(1250 + i * 40, 210 - i * 6 + between(rng, -15, 15), 35 + i * 5, '#f3d9c6', `opacity="${n(0.35 - i * 0.03)}"`);
  b += '</g>';
  // mill buildings with sawtooth roof
  let saw = `M820,700 L820,450`;
  for (let x = 820; x < 1500; x += 85) saw += ` L${x + 60},390 L${x + 60},450 L${x + 85},450`;
  saw += ' L1500,700 Z';
  b += `<path d="${saw}" fill="${dark}"/>`;
  b += rect(640, 500, 200, 200, dark) + rect(1380, 520, 220, 180, dark);
  b += rect(700, 420, 70, 90, dark);
  // stacks
  for (const [x, top] of [[1010, 170], [1220, 230]] as const) {
    b += poly([[x - 34, 460], [x + 34, 460], [x + 22, top], [x - 22, top]], dark);
    b += rect(x - 26, top + 20, 52, 14, '#c2453b') + rect(x - 28, top + 60, 56, 14, '#c2453b');
  }
  // lit windows
  for (let x = 850; x < 1480; x += 46) for (let y = 480; y < 680; y += 48) if (rng() < 0.35) b += rect(x, y, 22, 28, '#ffb65c', 'opacity="0.9"');
  // river
  b += rect(0, 700, W, 12, '#1c0d18');
  b += wave(712, 5, 260, 1.2, 'url(#water)');
  b += rect(450, 720, 180, H - 720, '#ffd98a', 'opacity="0.18"');
  b += glints(rng, 725, H, 90, '#ffd98a', 0.6);
  return svg(defs, b);
}

function eastbankWater(): string {
  const rng = prng(303);
  const defs = linear('sky', ['#e9f1f2', '#cfe3e6']) + linear('soil', ['#8b6b52', '#5e4636']) + linear('pipe', ['#9aa0ad', '#5d6270', '#3f4350']) + linear('tap', ['#cfd6dc', '#7f8b96'], 0, 0, 1, 0) + radial('drop', '#bfe6ff', '#3b8fd1', 1, 1);
  let b = rect(0, 0, W, H, 'url(#sky)');
  // houses
  const colors = ['#e8b4a0', '#f1d39a', '#a8c8b8', '#c7b3d6', '#f0c2a8', '#b5cde0'];
  for (let i = 0; i < 6; i++) {
    const x = 60 + i * 190;
    const w = 160;
    const h = between(rng, 150, 200);
    const c = colors[i % colors.length]!;
    b += rect(x, 520 - h, w, h, c);
    b += poly([[x - 14, 520 - h], [x + w / 2, 520 - h - 90], [x + w + 14, 520 - h]], '#6e4d45');
    b += rect(x + 62, 520 - 70, 36, 70, '#5a3e36');
    b += rect(x + 18, 520 - h + 30, 34, 40, '#fdf6e3') + rect(x + w - 52, 520 - h + 30, 34, 40, '#fdf6e3');
  }
  b += tree(1300, 520, 200, '#6f9f7a', '#6b4b3a');
  b += rect(0, 520, W, 20, '#7d8c6a');
  // ground cross-section
  b += rect(0, 540, W, H - 540, 'url(#soil)');
  for (let i = 0; i < 140; i++) b += circle(between(rng, 0, W), between(rng, 560, H), between(rng, 2, 7), '#4a372b', `opacity="${n(between(rng, 0.2, 0.6))}"`);
  // main and service lines
  b += rect(-10, 800, W + 20, 70, 'url(#pipe)', 'rx="10"');
  for (let x = 120; x < W; x += 240) b += rect(x, 796, 18, 78, '#4a4e5a');
  for (let i = 0; i < 6; i++) {
    const x = 60 + i * 190 + 80;
    const lead = i === 1 || i === 3 || i === 4;
    b += rect(x - 9, 540, 18, 262, lead ? '#7d7a8f' : '#b87333');
    if (lead) b += circle(x, 660, 26, 'none', 'stroke="#d9534f" stroke-width="5" stroke-dasharray="10 8"');
  }
  // big tap and drops
  b += rect(1330, 90, 260, 60, 'url(#tap)', 'rx="26"');
  b += rect(1330, 130, 60, 120, 'url(#tap)', 'rx="14"');
  b += rect(1440, 60, 60, 34, '#8a96a0', 'rx="8"');
  for (const [x, y, s] of [[1360, 300, 1], [1360, 390, 0.8], [1360, 460, 0.6]] as const) {
    b += `<path d="M${x},${y - 40 * s} C${x + 28 * s},${y} ${x + 26 * s},${y + 30 * s} ${x},${y + 30 * s} C${x - 26 * s},${y + 30 * s} ${x - 28 * s},${y} ${x},${y - 40 * s} Z" fill="url(#drop)"/>`;
  }
  return svg(defs, b);
}

function millraceLevee(): string {
  const rng = prng(404);
  const defs = linear('sky', ['#3e4a5a', '#6d7b8a', '#9aa7b0']) + linear('river', ['#5c6f63', '#2f4038']) + linear('grass', ['#7fa26a', '#4e6e44']) + `<clipPath id="wet"><rect x="0" y="0" width="900" height="${H}"/></clipPath>`;
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += cloud(80, 120, 1.6, '#56606e', 0.9) + cloud(520, 80, 1.9, '#4a5462', 0.9) + cloud(1050, 140, 1.5, '#5e6977', 0.85) + cloud(1320, 60, 1.4, '#4d5765', 0.9);
  // the river, held back on the left of the levee
  b += `<g clip-path="url(#wet)">${wave(560, 9, 200, 0, 'url(#river)')}${wave(610, 7, 140, 1.3, '#3b5148', H, 'opacity="0.7"')}${glints(rng, 580, H, 50, '#c9d6cf', 0.35)}</g>`;
  // levee embankment and the low ground behind it
  b += poly([[600, H], [830, 520], [990, 520], [1200, 880], [W, 880], [W, H]], 'url(#grass)');
  b += poly([[830, 520], [990, 520], [996, 532], [824, 532]], '#a3a089');
  for (let i = 0; i < 5; i++) {
    const x = 1200 + i * 80;
    const y = 780 + (i % 2) * 14;
    b += rect(x, y, 64, 880 - y, pick(rng, ['#c9b79c', '#b69f86', '#d8c8ae']));
    b += poly([[x - 8, y], [x + 32, y - 44], [x + 72, y]], pick(rng, ['#8d4a3b', '#6f3d33', '#7c5a4a']));
    b += rect(x + 22, y + 30, 20, 22, '#f2d98c', 'opacity="0.8"');
  }
  b += tree(1150, 880, 120, '#56744b', '#4a3a2e');
  // the 1958 design flood level (dashed), which today's river already tops
  b += line(0, 610, W, 610, '#f4d35e', 4, 'stroke-dasharray="26 16" opacity="0.9"');
  // rain
  for (let i = 0; i < 260; i++) {
    const x = between(rng, -200, W);
    const y = between(rng, 0, H);
    b += line(x, y, x + 18, y + 60, '#d7e1e8', 2, `opacity="${n(between(rng, 0.15, 0.45))}"`);
  }
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
  const mini = (x: number, y: number, c: string) => rect(x - 70, y - 60, 140, 90, c, 'rx="6"') + poly([[x - 82, y - 60], [x, y - 110], [x + 82, y - 60]], '#4b4b4b') + rect(x - 16, y - 10, 32, 40, '#f6f0d8');
  b += mini(250, 830, '#e0a458') + mini(1370, 280, '#7fb0c9');
  // main school
  b += rect(430, 330, 740, 330, 'url(#brick)');
  b += rect(430, 316, 740, 22, '#5a2e24');
  b += poly([[690, 330], [800, 220], [910, 330]], '#5a2e24');
  b += circle(800, 285, 30, '#f6f0d8') + line(800, 285, 800, 265, '#5a2e24', 5) + line(800, 285, 814, 292, '#5a2e24', 5);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 6; c++) {
      const x = 470 + c * 112 + (c >= 3 ? 80 : 0);
      b += rect(x, 380 + r * 120, 70, 84, '#fbe9b7') + line(x + 35, 380 + r * 120, x + 35, 464 + r * 120, '#8f3f2e', 4) + line(x, 422 + r * 120, x + 70, 422 + r * 120, '#8f3f2e', 4);
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
      if (i % 2 === 0) b += rect(x + w - 90, top + 118 + f * 150, 80, 6, '#2a2430') + line(x + w - 80, top + 118 + f * 150, x + w - 30, top + 268 + f * 150, '#2a2430', 4);
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

function canalStreet(): string {
  const rng = prng(707);
  const defs = linear('sky', ['#9fd3e6', '#e8f4ef']) + linear('road', ['#5b5e66', '#3c3f46']);
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += cloud(160, 140, 1.1, '#ffffff', 0.8) + cloud(1100, 100, 1.3, '#ffffff', 0.75);
  // the closed bridge, far off between the rooftops
  b += `<path d="M380,300 Q800,120 1220,300" fill="none" stroke="#5f7a86" stroke-width="16"/>`;
  for (let xx = 430; xx < 1200; xx += 48) {
    const t = (xx - 380) / 840;
    b += line(xx, 300 - 4 * 180 * t * (1 - t), xx, 300, '#5f7a86', 4);
  }
  // shopfronts
  const walls = ['#e7c9a9', '#c9dbc4', '#f0d9c0', '#d7c4dc', '#efe2b8'];
  const awnings: [string, string][] = [['#c0392b', '#f7f1e3'], ['#1f6f78', '#f7f1e3'], ['#e67e22', '#fff6e5'], ['#2e4a7d', '#f7f1e3'], ['#6a8d3a', '#f7f1e3']];
  for (let i = 0; i < 5; i++) {
    const x = i * 320;
    const top = 290 + (i % 2) * 50;
    b += rect(x, top, 320, 700 - top, walls[i]!);
    b += rect(x, top - 14, 320, 20, '#6d5a4f');
    for (let c = 0; c < 3; c++) b += rect(x + 36 + c * 96, top + 40, 60, 90, '#fdfaf2') + rect(x + 36 + c * 96, top + 40, 60, 12, walls[(i + 2) % walls.length]!);
    const [a, c] = awnings[i]!;
    const ay = 510;
    for (let s = 0; s < 8; s++) b += poly([[x + 20 + s * 35, ay], [x + 55 + s * 35, ay], [x + 60 + s * 36, ay + 70], [x + 18 + s * 36, ay + 70]], s % 2 ? c : a);
    for (let s = 0; s < 8; s++) b += `<path d="M${x + 18 + s * 36},${ay + 70} q18,22 36,0 Z" fill="${s % 2 ? c : a}"/>`;
    b += rect(x + 30, 600, 180, 100, '#2f3a44', 'opacity="0.85"') + rect(x + 230, 590, 60, 110, '#5a4034');
    if (rng() < 0.6) b += rect(x + 50, 640, 50, 30, pick(rng, ['#f4d35e', '#e0e0e0', '#ee964b']), 'opacity="0.8"');
  }
  b += rect(0, 700, W, 40, '#c9c2b6');
  b += rect(0, 740, W, H - 740, 'url(#road)');
  for (let xx = 20; xx < W; xx += 160) b += rect(xx, 860, 90, 10, '#f1f1f1', 'opacity="0.7"');
  // barriers
  for (const bx of [180, 720]) {
    b += rect(bx + 20, 770, 16, 120, '#dddddd') + rect(bx + 424, 770, 16, 120, '#dddddd');
    b += `<g>`;
    b += rect(bx, 760, 460, 56, '#ffffff');
    for (let s = 0; s < 9; s++) b += poly([[bx + s * 52, 760], [bx + s * 52 + 26, 760], [bx + s * 52 + 4, 816], [bx + s * 52 - 22, 816]], '#ef6c1a');
    b += `</g>`;
    b += rect(bx, 760, 460, 56, 'none', 'stroke="#b24a0e" stroke-width="4"');
  }
  // cones
  for (const cx of [90, 640, 1230, 1330]) b += poly([[cx - 34, 930], [cx, 820], [cx + 34, 930]], '#ef6c1a') + rect(cx - 20, 860, 40, 14, '#ffffff') + rect(cx - 46, 926, 92, 14, '#b24a0e');
  // detour sign with arrow
  b += rect(1418, 600, 12, 340, '#6d6d6d');
  b += rect(1300, 560, 250, 140, '#f4b41a', 'rx="14"');
  b += poly([[1330, 615], [1450, 615], [1450, 585], [1520, 630], [1450, 675], [1450, 645], [1330, 645]], '#1f1f1f');
  return svg(defs, b);
}

function lyricTheatre(): string {
  const rng = prng(808);
  const defs = linear('night', ['#0b1233', '#1d1f4f', '#3a2456']) + linear('beam', ['#fff4c2', '#fff4c2'], 0, 1, 0, 0) + linear('curtain', ['#8e1b2a', '#c0283b', '#8e1b2a', '#c0283b', '#8e1b2a', '#c0283b', '#8e1b2a'], 0, 0, 1, 0) + linear('facade', ['#6b2f3a', '#4a1f2a']) + radial('halo', '#ffd36b', '#ffd36b', 0.55, 0);
  let b = rect(0, 0, W, H, 'url(#night)');
  for (let i = 0; i < 90; i++) b += circle(between(rng, 0, W), between(rng, 0, 420), between(rng, 0.8, 2.4), '#ffffff', `opacity="${n(between(rng, 0.3, 0.9))}"`);
  // searchlights
  b += poly([[380, 1000], [440, 1000], [120, 0], [-60, 0]], 'url(#beam)', 'opacity="0.16"');
  b += poly([[1160, 1000], [1220, 1000], [1700, 0], [1480, 0]], 'url(#beam)', 'opacity="0.16"');
  // neighbors
  b += rect(0, 360, 300, 640, '#231a3a') + rect(1300, 300, 300, 700, '#231a3a');
  for (let y = 400; y < 900; y += 70) for (const x of [40, 140, 1340, 1440]) if (rng() < 0.5) b += rect(x, y, 50, 40, '#f3c46b', 'opacity="0.6"');
  // facade
  b += rect(300, 180, 1000, 820, 'url(#facade)');
  b += poly([[300, 180], [800, 90], [1300, 180]], '#57222e');
  b += circle(800, 150, 40, '#d6a85c', 'opacity="0.8"');
  for (const x of [360, 1180]) b += rect(x, 210, 60, 790, '#7b3a46');
  // upper windows
  for (let c = 0; c < 5; c++) b += `<path d="M${470 + c * 150},380 l0,-80 a40,40 0 0 1 80,0 l0,80 Z" fill="#f3c46b" opacity="0.75"/>`;
  // marquee
  b += circle(800, 520, 420, 'url(#halo)');
  b += poly([[400, 440], [1200, 440], [1160, 620], [440, 620]], '#1a1230');
  b += rect(470, 465, 660, 120, '#fbeec9', 'rx="8"');
  for (let r = 0; r < 3; r++) b += rect(520, 490 + r * 34, between(rng, 380, 560), 14, '#b9344a', 'rx="7" opacity="0.85"');
  for (let x = 412; x <= 1188; x += 28) b += circle(x, 448, 7, '#ffe08a') + circle(x - ((x - 800) / 400) * 40, 610, 7, '#ffe08a');
  for (let y = 470; y < 600; y += 28) b += circle(420 + (y - 440) * 0.22, y, 7, '#ffe08a') + circle(1180 - (y - 440) * 0.22, y, 7, '#ffe08a');
  // doors with curtains
  for (let d = 0; d < 3; d++) {
    const x = 530 + d * 190;
    b += rect(x, 700, 150, 300, 'url(#curtain)');
    b += rect(x - 10, 690, 170, 16, '#d6a85c');
    b += `<path d="M${x},706 Q${x + 75},780 ${x + 150},706 Z" fill="#6a1220"/>`;
  }
  b += rect(300, 985, 1000, 15, '#1a1230');
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
    b += `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(between(rng, 60, 150))}" ry="${n(between(rng, 40, 90))}" fill="${pick(rng, ['#c9dcae', '#b7d0a0', '#dde6c0'])}" transform="rotate(${n(between(rng, -30, 30))} ${n(x)} ${n(y)})"/>`;
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
  b += poly([[60, 900], [120, 840], [180, 900]], '#7a4e3a') + rect(75, 900, 90, 70, '#e8b4a0');
  const [ex, ey] = pts[240]!;
  b += rect(ex - 60, ey - 110, 120, 80, '#b5563f') + poly([[ex - 72, ey - 110], [ex, ey - 160], [ex + 72, ey - 110]], '#5a2e24');
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
  const defs = linear('bg', ['#e6f2f0', '#cde4e3']) + linear('bar', ['#2a9d8f', '#1d6f66']) + linear('barHi', ['#e9c46a', '#d19a2a']) + linear('coin', ['#f1d27a', '#c99a2e'], 0, 0, 1, 0);
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
    b += `<path d="M${n(cx + ox)},${n(cy + oy)} L${n(cx + ox + r * Math.cos(start))},${n(cy + oy + r * Math.sin(start))} A${r},${r} 0 ${large} 1 ${n(cx + ox + r * Math.cos(end))},${n(cy + oy + r * Math.sin(end))} Z" fill="${colors[i]!}" stroke="#e6f2f0" stroke-width="4"/>`;
    start = end;
  });
  b += circle(cx, cy, 70, '#e6f2f0');
  // coin stacks
  for (const [sx, count] of [[1170, 6], [1310, 9], [1450, 4]] as const) {
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
