import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ViewHit } from './analytics.js';
import type { AnalyticsService } from './analytics-service.js';

/** Where the view beacon posts. First-party, under /api/ so errors answer as JSON. */
export const VIEW_BEACON_PATH = '/api/v1/view';

/** A beacon carries three short fields; anything longer is not ours. */
const MAX_BODY_BYTES = 2048;
/** Past this, a refused body is not read to its end: the connection is dropped instead. */
const MAX_DRAIN_BYTES = 64 * 1024;

const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2_147_483_647;
const MAX_REFERRER = 1024;

type Beacon = { a: number | null; s: number | null; r: string | null };

/**
 * Reads a beacon body: `a` and `s` positive whole numbers, `r` at most 1024 characters, each at most
 * once, nothing else. Written by hand rather than with zod because it runs for every page view;
 * returns the problem, named, for a 400.
 */
export function parseBeacon(body: string): Beacon | { problem: string } {
  const out: Beacon = { a: null, s: null, r: null };
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(body)) {
    if (key !== 'a' && key !== 's' && key !== 'r') return { problem: `Unrecognized key: "${key.slice(0, 20)}"` };
    if (seen.has(key)) return { problem: `${key}: given more than once` };
    seen.add(key);
    if (key === 'r') {
      if (value.length > MAX_REFERRER) return { problem: `r: must be at most ${MAX_REFERRER} characters` };
      out.r = value || null;
      continue;
    }
    const n = Number(value);
    if (!ID.test(value) || n > MAX_ID) return { problem: `${key}: must be a positive whole number` };
    out[key] = n;
  }
  return out;
}

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function answer(res: ServerResponse, status: number, error?: string, extra: Record<string, string> = {}): void {
  if (!error) {
    res.writeHead(status, { ...NO_STORE, ...extra }).end();
    return;
  }
  const body = JSON.stringify({ error });
  const json = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) };
  res.writeHead(status, { ...NO_STORE, ...extra, ...json }).end(body);
}

export interface ViewBeaconDeps {
  analytics: AnalyticsService;
  clock: () => Date;
  clientAddress: (req: IncomingMessage) => string;
  /** Cookies that mark a newsroom session: staff reading their own pages are not readers. */
  staffCookie: string;
}

/**
 * The view beacon, answered in the node:http listener before Fastify routes anything (see
 * http/server.ts `early`): `POST /api/v1/view` with a small form body (`a` story id, `s` section id,
 * `r` the page's referrer). 204 with no body when accepted (bots and staff included, so the answer
 * tells a client nothing); 4xx JSON naming the problem otherwise. Counting happens in memory.
 */
export function viewBeacon(deps: ViewBeaconDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const staff = new RegExp(`(?:^|;\\s*)${deps.staffCookie.replace(/[^\w-]/g, '')}=`);
  return (req, res) => {
    const url = req.url ?? '';
    if (url !== VIEW_BEACON_PATH && !url.startsWith(`${VIEW_BEACON_PATH}?`)) return false;
    if (req.method !== 'POST') {
      answer(res, 405, 'The view beacon takes POST only.', { allow: 'POST' });
      req.resume();
      return true;
    }
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' && type !== 'text/plain') {
      answer(res, 415, 'The view beacon takes a form body (application/x-www-form-urlencoded or text/plain).');
      req.resume();
      return true;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      const drop = declared > MAX_DRAIN_BYTES;
      answer(res, 413, `The view beacon body must be at most ${MAX_BODY_BYTES} bytes.`, drop ? { connection: 'close' } : {});
      if (drop) res.on('finish', () => req.destroy());
      else req.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN_BYTES) req.destroy();
      if (done) return;
      if (size > MAX_BODY_BYTES) {
        done = true;
        answer(res, 413, `The view beacon body must be at most ${MAX_BODY_BYTES} bytes.`);
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => {
      done = true;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const parsed = parseBeacon(Buffer.concat(chunks).toString('utf8'));
      if ('problem' in parsed) {
        answer(res, 400, parsed.problem);
        return;
      }
      answer(res, 204);
      if (staff.test(req.headers.cookie ?? '')) return;
      const hit: ViewHit = {
        articleId: parsed.a,
        sectionId: parsed.s,
        referrer: parsed.r,
        ip: deps.clientAddress(req),
        userAgent: String(req.headers['user-agent'] ?? ''),
      };
      deps.analytics.record(hit, deps.clock());
    });
    return true;
  };
}
