import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  href: string;
  body: Buffer;
  contentType: string;
}

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views', 'assets');

/** The site icon (an SVG drawn for Masthead), at a fingerprinted address. */
export function loadFavicon(): Asset {
  const body = fs.readFileSync(path.join(assetsDir, 'favicon.svg'));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { href: `/assets/favicon.${hash}.svg`, body, contentType: 'image/svg+xml' };
}

/** Loads a stylesheet once at start. Its URL carries a content hash, so it can be cached forever. */
export function loadStylesheet(name: 'site' | 'admin' = 'site'): Asset {
  const body = fs.readFileSync(path.join(assetsDir, `${name}.css`));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { href: `/${name === 'admin' ? 'admin/assets' : 'assets'}/${name}.${hash}.css`, body, contentType: 'text/css; charset=utf-8' };
}

/** A small hand-written admin script from views/assets (no bundling), at a fingerprinted address under /admin/assets. */
export function loadAdminScript(name: 'front-page-drag'): Asset {
  const body = fs.readFileSync(path.join(assetsDir, `${name}.js`));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { href: `/admin/assets/${name}.${hash}.js`, body, contentType: 'text/javascript; charset=utf-8' };
}
