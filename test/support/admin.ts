import type { Role } from '../../src/accounts/user.js';
import type { App } from '../../src/main.js';

/** A browser-like client for in-process admin requests: keeps cookies and reads CSRF tokens from forms. */
export class AdminClient {
  cookies = new Map<string, string>();
  constructor(private readonly app: App) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | undefined) {
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string) {
    const res = await this.app.http.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), 'user-agent': 'TestBrowser/1.0' } });
    this.remember(res.headers['set-cookie']);
    return res;
  }

  /** Posts a form; the CSRF token is taken from `formPage` (fetched first) unless given. */
  async post(url: string, fields: Record<string, string>, opts: { csrfFrom?: string; csrf?: string | null } = {}) {
    let csrf = opts.csrf;
    if (csrf === undefined) csrf = csrfToken((await this.get(opts.csrfFrom ?? '/admin/login')).body);
    const body = new URLSearchParams({ ...fields, ...(csrf !== null ? { _csrf: csrf } : {}) }).toString();
    const res = await this.app.http.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), 'user-agent': 'TestBrowser/1.0' },
    });
    this.remember(res.headers['set-cookie']);
    return res;
  }
}

export function csrfToken(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

/** Creates a staff user and logs a client in with a one-time link, as a new colleague would. */
export async function loggedInClient(app: App, role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`) {
  const created = await app.services.accounts.createUser({ email, name: `${role} person`, role }, { now: app.clock(), actor: null });
  if (!created.ok) throw new Error(created.message);
  const token = await app.services.accounts.issueLoginToken(created.user.id, app.clock());
  const client = new AdminClient(app);
  const res = await client.post(`/admin/login/link/${token}`, {}, { csrfFrom: `/admin/login/link/${token}` });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return { client, user: created.user };
}

/** Posts the article form as multipart (no hero file), the way the browser sends it. */
export async function submitArticleForm(app: App, client: AdminClient, url: string, fields: Record<string, string>) {
  const formPage = await client.get(url === '/admin/articles' ? '/admin/articles/new' : url);
  const form = new FormData();
  form.set('_csrf', csrfToken(formPage.body));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('hero_file', new Blob([]), '');
  const req = new Request('http://x/', { method: 'POST', body: form });
  return app.http.inject({
    method: 'POST',
    url,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: {
      'content-type': req.headers.get('content-type')!,
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'user-agent': 'TestBrowser/1.0',
    },
  });
}
