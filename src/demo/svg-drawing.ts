/** SVG drawing primitives for the demo illustrations: shapes, gradients, a seeded PRNG. */

export const W = 1600;
export const H = 1000;

/** mulberry32: a tiny deterministic PRNG returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const n = (v: number) => (Math.round(v * 10) / 10).toString();

// ---------------------------------------------------------------- SVG building blocks

export function svg(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`;
}

export function linear(id: string, stops: readonly string[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
  const s = stops.map((c, i) => `<stop offset="${n((i / Math.max(1, stops.length - 1)) * 100)}%" stop-color="${c}"/>`).join('');
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${s}</linearGradient>`;
}

export function radial(id: string, inner: string, outer: string, innerOpacity = 1, outerOpacity = 0): string {
  return (
    `<radialGradient id="${id}"><stop offset="0%" stop-color="${inner}" stop-opacity="${innerOpacity}"/><stop ` +
    `offset="100%" stop-color="${outer}" stop-opacity="${outerOpacity}"/></radialGradient>`
  );
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}" ${extra}/>`;
}

export function circle(cx: number, cy: number, r: number, fill: string, extra = ''): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}" ${extra}/>`;
}

export function poly(points: readonly (readonly [number, number])[], fill: string, extra = ''): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}" ${extra}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}" ${extra}/>`;
}

/** A band of water: a sine-wave top edge closed down to `bottom`. */
export function wave(y: number, amp: number, length: number, phase: number, fill: string, bottom = H, extra = ''): string {
  let d = `M0,${n(bottom)} L0,${n(y + amp * Math.sin(phase))}`;
  for (let x = 0; x <= W; x += 20) d += ` L${x},${n(y + amp * Math.sin((x / length) * Math.PI * 2 + phase))}`;
  d += ` L${W},${n(bottom)} Z`;
  return `<path d="${d}" fill="${fill}" ${extra}/>`;
}

/** Short horizontal glints on water. */
export function glints(rng: Rng, top: number, bottom: number, count: number, color: string, opacity: number): string {
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
export function skyline(rng: Rng, base: number, minH: number, maxH: number, fill: string, windows?: { color: string; chance: number }): string {
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

export function cloud(cx: number, cy: number, s: number, fill: string, opacity: number): string {
  return (
    `<g opacity="${opacity}">${circle(cx, cy, 60 * s, fill)}${circle(cx + 70 * s, cy - 25 * s, 75 * s, fill)}` +
    `${circle(cx + 150 * s, cy, 55 * s, fill)}` +
    `${rect(cx - 10 * s, cy, 180 * s, 55 * s, fill, `rx="${n(27 * s)}"`)}</g>`
  );
}

export function tree(x: number, base: number, size: number, leaf: string, trunk: string): string {
  return (
    rect(x - size * 0.06, base - size * 0.5, size * 0.12, size * 0.5, trunk) +
    circle(x, base - size * 0.7, size * 0.38, leaf) +
    circle(x - size * 0.2, base - size * 0.52, size * 0.26, leaf) +
    circle(x + size * 0.22, base - size * 0.55, size * 0.27, leaf)
  );
}
