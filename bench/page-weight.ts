// Page weight: an HTML page plus every stylesheet and script it references, raw and gzip -9, against
// the budget; and the third-party requests it would make (there should be none).
import zlib from 'node:zlib';
import { Parser } from 'htmlparser2';
import { httpGet } from './processes.js';
import { formatTable } from './report.js';

export const GZIP_BUDGET_KB = 40;

interface Reference {
  kind: 'stylesheet' | 'script' | 'image';
  url: URL;
}

/** Stylesheets, scripts and images (src, srcset) an HTML page references, resolved against `base`. */
export function pageReferences(html: string, base: string): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: Reference['kind'], raw: string | undefined) => {
    if (!raw?.trim()) return;
    try {
      refs.push({ kind, url: new URL(raw.trim(), base) });
    } catch {
      // An unparseable URL requests nothing.
    }
  };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'link' && (attrs.rel ?? '').toLowerCase().split(/\s+/).includes('stylesheet')) add('stylesheet', attrs.href);
      if (name === 'script') add('script', attrs.src);
      if (name === 'img') add('image', attrs.src);
      if (name === 'img' || name === 'source') for (const c of (attrs.srcset ?? '').split(',')) add('image', c.trim().split(/\s+/)[0]);
    },
  });
  parser.write(html);
  parser.end();
  return refs;
}

export interface WeightRow {
  what: string;
  raw: number;
  gzip: number;
  /** Bytes on the wire when a browser asks (Accept-Encoding: br, gzip), and the encoding the server chose. */
  served: number;
  servedEncoding: string;
}

export interface PageWeight {
  rows: WeightRow[];
  rawTotal: number;
  gzipTotal: number;
  servedTotal: number;
  thirdParty: string[];
  images: number;
}

/** Fetches the page and its same-origin CSS and JS. `ourOrigins`: the address we fetch from and the public URL. */
export async function measurePageWeight(base: string, path: string, ourOrigins: string[]): Promise<PageWeight> {
  const fetchBoth = async (url: string) => {
    const plain = await httpGet(url, 10_000);
    if (plain.status !== 200) throw new Error(`page weight: ${url} answered ${plain.status}`);
    const browser = await httpGet(url, 10_000, { 'Accept-Encoding': 'br, gzip' });
    return { plain, browser };
  };
  const page = await fetchBoth(base + path);
  const refs = pageReferences(page.plain.body.toString('utf8'), base + path);
  const ours = (u: URL) => ourOrigins.includes(u.origin);
  const thirdParty = [...new Set(refs.filter((r) => !ours(r.url)).map((r) => r.url.href))];
  const assets = [...new Set(refs.filter((r) => r.kind !== 'image' && ours(r.url)).map((r) => r.url.pathname + r.url.search))];
  const row = (what: string, r: Awaited<ReturnType<typeof fetchBoth>>): WeightRow => ({
    what,
    raw: r.plain.body.length,
    gzip: zlib.gzipSync(r.plain.body, { level: 9 }).length,
    served: r.browser.body.length,
    servedEncoding: r.browser.headers['content-encoding'] ?? 'identity',
  });
  const rows = [row(`${path} (HTML)`, page)];
  for (const asset of assets) rows.push(row(asset, await fetchBoth(base + asset)));
  const sum = (k: 'raw' | 'gzip' | 'served') => rows.reduce((n, r) => n + r[k], 0);
  return {
    rows,
    rawTotal: sum('raw'),
    gzipTotal: sum('gzip'),
    servedTotal: sum('served'),
    thirdParty,
    images: new Set(refs.filter((r) => r.kind === 'image').map((r) => r.url.href)).size,
  };
}

const kb = (n: number) => (n / 1024).toFixed(1);

/** The weight table, the verdict against the gzip budget, and any third-party URLs. */
export function pageWeightReport(w: PageWeight): string {
  const table = formatTable(
    ['resource', 'raw KB', 'gzip -9 KB', 'served KB (br, gzip asked)'],
    [
      ...w.rows.map((r) => [r.what, kb(r.raw), kb(r.gzip), `${kb(r.served)} (${r.servedEncoding})`]),
      ['total (HTML + CSS + JS)', kb(w.rawTotal), kb(w.gzipTotal), kb(w.servedTotal)],
    ],
    [false, true, true, true],
  );
  const verdict = w.gzipTotal / 1024 <= GZIP_BUDGET_KB ? 'within' : 'OVER';
  return [
    table,
    `budget: ${kb(w.gzipTotal)} KB gzip of ${GZIP_BUDGET_KB} KB: ${verdict} budget ` +
      `(${Math.round((w.gzipTotal / 1024 / GZIP_BUDGET_KB) * 100)}%). ` +
      `Images (${w.images} distinct URLs in src/srcset) are not counted.`,
    `third-party requests (absolute src/href/srcset of img, source, script, ` +
      `link[rel=stylesheet] off our origin): ${w.thirdParty.length}${w.thirdParty.length ? `\n  ${w.thirdParty.join('\n  ')}` : ''}`,
  ].join('\n');
}
