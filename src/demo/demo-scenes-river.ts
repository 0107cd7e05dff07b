/** Five of the demo illustrations: the river, the mill, the levee, Canal Street, the theatre. */
import { between, circle, cloud, glints, H, line, linear, n, pick, poly, prng, radial, rect, skyline, svg, tree, W, wave } from './svg-drawing.js';

export function paperMill(): string {
  const rng = prng(202);
  const defs =
    linear('sky', ['#3b1f3a', '#a33b3b', '#ec7a36', '#f9c46b']) +
    linear('water', ['#c1552f', '#4a1f2c']) +
    radial('sunGlow', '#ffe3a3', '#ffb35c', 0.9, 0) +
    '<filter id="soft" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="10"/></filter>';
  let b = rect(0, 0, W, H, 'url(#sky)');
  b += circle(540, 560, 330, 'url(#sunGlow)');
  b += circle(540, 560, 150, '#ffd98a');
  b += skyline(rng, 640, 20, 70, '#7a2e3a');
  const dark = '#2a1422';
  // smoke
  b += '<g filter="url(#soft)">';
  for (let i = 0; i < 14; i++)
    b += circle(1040 + i * 38 + between(rng, -10, 10), 150 - i * 9 + between(rng, -20, 20), 40 + i * 5, '#f3d9c6', `opacity="${n(0.45 - i * 0.025)}"`);
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
  for (const [x, top] of [
    [1010, 170],
    [1220, 230],
  ] as const) {
    b += poly(
      [
        [x - 34, 460],
        [x + 34, 460],
        [x + 22, top],
        [x - 22, top],
      ],
      dark,
    );
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

export function eastbankWater(): string {
  const rng = prng(303);
  const defs =
    linear('sky', ['#e9f1f2', '#cfe3e6']) +
    linear('soil', ['#8b6b52', '#5e4636']) +
    linear('pipe', ['#9aa0ad', '#5d6270', '#3f4350']) +
    linear('tap', ['#cfd6dc', '#7f8b96'], 0, 0, 1, 0) +
    radial('drop', '#bfe6ff', '#3b8fd1', 1, 1);
  let b = rect(0, 0, W, H, 'url(#sky)');
  // houses
  const colors = ['#e8b4a0', '#f1d39a', '#a8c8b8', '#c7b3d6', '#f0c2a8', '#b5cde0'];
  for (let i = 0; i < 6; i++) {
    const x = 60 + i * 190;
    const w = 160;
    const h = between(rng, 150, 200);
    const c = colors[i % colors.length]!;
    b += rect(x, 520 - h, w, h, c);
    b += poly(
      [
        [x - 14, 520 - h],
        [x + w / 2, 520 - h - 90],
        [x + w + 14, 520 - h],
      ],
      '#6e4d45',
    );
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
  for (const [x, y, s] of [
    [1360, 300, 1],
    [1360, 390, 0.8],
    [1360, 460, 0.6],
  ] as const) {
    b +=
      `<path d="M${x},${y - 40 * s} C${x + 28 * s},${y} ${x + 26 * s},${y + 30 * s} ${x},${y + 30 * s} ` +
      `C${x - 26 * s},${y + 30 * s} ${x - 28 * s},${y} ${x},${y - 40 * s} Z" fill="url(#drop)"/>`;
  }
  return svg(defs, b);
}

export function millraceLevee(): string {
  const rng = prng(404);
  const defs =
    linear('sky', ['#3e4a5a', '#6d7b8a', '#9aa7b0']) +
    linear('river', ['#5c6f63', '#2f4038']) +
    linear('grass', ['#7fa26a', '#4e6e44']) +
    `<clipPath id="wet"><rect x="0" y="0" width="900" height="${H}"/></clipPath>`;
  let b = rect(0, 0, W, H, 'url(#sky)');
  b +=
    cloud(80, 120, 1.6, '#56606e', 0.9) + cloud(520, 80, 1.9, '#4a5462', 0.9) + cloud(1050, 140, 1.5, '#5e6977', 0.85) + cloud(1320, 60, 1.4, '#4d5765', 0.9);
  // the river, held back on the left of the levee
  b +=
    `<g clip-path="url(#wet)">${wave(560, 9, 200, 0, 'url(#river)')}` +
    `${wave(610, 7, 140, 1.3, '#3b5148', H, 'opacity="0.7"')}${glints(rng, 580, H, 50, '#c9d6cf', 0.35)}</g>`;
  // levee embankment and the low ground behind it
  b += poly(
    [
      [600, H],
      [830, 520],
      [990, 520],
      [1200, 880],
      [W, 880],
      [W, H],
    ],
    'url(#grass)',
  );
  b += poly(
    [
      [830, 520],
      [990, 520],
      [996, 532],
      [824, 532],
    ],
    '#a3a089',
  );
  for (let i = 0; i < 5; i++) {
    const x = 1200 + i * 80;
    const y = 780 + (i % 2) * 14;
    b += rect(x, y, 64, 880 - y, pick(rng, ['#c9b79c', '#b69f86', '#d8c8ae']));
    b += poly(
      [
        [x - 8, y],
        [x + 32, y - 44],
        [x + 72, y],
      ],
      pick(rng, ['#8d4a3b', '#6f3d33', '#7c5a4a']),
    );
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

export function canalStreet(): string {
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
  const awnings: [string, string][] = [
    ['#c0392b', '#f7f1e3'],
    ['#1f6f78', '#f7f1e3'],
    ['#e67e22', '#fff6e5'],
    ['#2e4a7d', '#f7f1e3'],
    ['#6a8d3a', '#f7f1e3'],
  ];
  for (let i = 0; i < 5; i++) {
    const x = i * 320;
    const top = 290 + (i % 2) * 50;
    b += rect(x, top, 320, 700 - top, walls[i]!);
    b += rect(x, top - 14, 320, 20, '#6d5a4f');
    for (let c = 0; c < 3; c++)
      b += rect(x + 36 + c * 96, top + 40, 60, 90, '#fdfaf2') + rect(x + 36 + c * 96, top + 40, 60, 12, walls[(i + 2) % walls.length]!);
    const [a, c] = awnings[i]!;
    const ay = 510;
    for (let s = 0; s < 8; s++)
      b += poly(
        [
          [x + 20 + s * 35, ay],
          [x + 55 + s * 35, ay],
          [x + 60 + s * 36, ay + 70],
          [x + 18 + s * 36, ay + 70],
        ],
        s % 2 ? c : a,
      );
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
    for (let s = 0; s < 9; s++)
      b += poly(
        [
          [bx + s * 52, 760],
          [bx + s * 52 + 26, 760],
          [bx + s * 52 + 4, 816],
          [bx + s * 52 - 22, 816],
        ],
        '#ef6c1a',
      );
    b += `</g>`;
    b += rect(bx, 760, 460, 56, 'none', 'stroke="#b24a0e" stroke-width="4"');
  }
  // cones
  for (const cx of [90, 640, 1230, 1330])
    b +=
      poly(
        [
          [cx - 34, 930],
          [cx, 820],
          [cx + 34, 930],
        ],
        '#ef6c1a',
      ) +
      rect(cx - 20, 860, 40, 14, '#ffffff') +
      rect(cx - 46, 926, 92, 14, '#b24a0e');
  // detour sign with arrow
  b += rect(1418, 600, 12, 340, '#6d6d6d');
  b += rect(1300, 560, 250, 140, '#f4b41a', 'rx="14"');
  b += poly(
    [
      [1330, 615],
      [1450, 615],
      [1450, 585],
      [1520, 630],
      [1450, 675],
      [1450, 645],
      [1330, 645],
    ],
    '#1f1f1f',
  );
  return svg(defs, b);
}

export function lyricTheatre(): string {
  const rng = prng(808);
  const defs =
    linear('night', ['#0b1233', '#1d1f4f', '#3a2456']) +
    linear('beam', ['#fff4c2', '#fff4c2'], 0, 1, 0, 0) +
    linear('curtain', ['#8e1b2a', '#c0283b', '#8e1b2a', '#c0283b', '#8e1b2a', '#c0283b', '#8e1b2a'], 0, 0, 1, 0) +
    linear('facade', ['#6b2f3a', '#4a1f2a']) +
    radial('halo', '#ffd36b', '#ffd36b', 0.55, 0);
  let b = rect(0, 0, W, H, 'url(#night)');
  for (let i = 0; i < 90; i++)
    b += circle(between(rng, 0, W), between(rng, 0, 420), between(rng, 0.8, 2.4), '#ffffff', `opacity="${n(between(rng, 0.3, 0.9))}"`);
  // searchlights
  b += poly(
    [
      [380, 1000],
      [440, 1000],
      [120, 0],
      [-60, 0],
    ],
    'url(#beam)',
    'opacity="0.16"',
  );
  b += poly(
    [
      [1160, 1000],
      [1220, 1000],
      [1700, 0],
      [1480, 0],
    ],
    'url(#beam)',
    'opacity="0.16"',
  );
  // neighbors
  b += rect(0, 360, 300, 640, '#231a3a') + rect(1300, 300, 300, 700, '#231a3a');
  for (let y = 400; y < 900; y += 70) for (const x of [40, 140, 1340, 1440]) if (rng() < 0.5) b += rect(x, y, 50, 40, '#f3c46b', 'opacity="0.6"');
  // facade
  b += rect(300, 180, 1000, 820, 'url(#facade)');
  b += poly(
    [
      [300, 180],
      [800, 90],
      [1300, 180],
    ],
    '#57222e',
  );
  b += circle(800, 150, 40, '#d6a85c', 'opacity="0.8"');
  for (const x of [360, 1180]) b += rect(x, 210, 60, 790, '#7b3a46');
  // upper windows
  for (let c = 0; c < 5; c++) b += `<path d="M${470 + c * 150},380 l0,-80 a40,40 0 0 1 80,0 l0,80 Z" fill="#f3c46b" opacity="0.75"/>`;
  // marquee
  b += circle(800, 520, 420, 'url(#halo)');
  b += poly(
    [
      [400, 440],
      [1200, 440],
      [1160, 620],
      [440, 620],
    ],
    '#1a1230',
  );
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
