import type { Response } from 'light-my-request';
import { hashToken } from '../../src/accounts/session-service.js';
import type { Role } from '../../src/accounts/user.js';
import type { App } from '../../src/main.js';
import { MEMBER_COOKIE, memberCsrfToken } from '../../src/membership/member-context.js';
import { csrfToken } from '../support/admin.js';
import type { Identity } from './route-table.js';

const STAFF_ROLES: Role[] = ['contributor', 'writer', 'editor', 'admin', 'owner'];
const DAY = 86_400_000;

interface Credentials {
  cookie: string;
  authorization?: string;
  /** The form token for /admin (every identity has loaded a page there) and, for readers, the member token. */
  adminCsrf: string;
  memberCsrf: string | null;
}

/**
 * The ten identities of the matrix, made through the real services: staff users of each role,
 * a reader, a patron, a partner with a key, and someone whose sessions (staff and member) ran out.
 * Each request gets a fresh session, so a route that ends sessions cannot spoil the next request.
 */
export class Identities {
  private ip = 0;

  private constructor(
    private readonly app: App,
    private readonly staffIds: Map<Role, number>,
    private readonly readerId: number,
    private readonly patronId: number,
    private readonly partnerKey: string,
    /** The admin CSRF pair a browser gets from any /admin page: the signed secret cookie and its token. */
    private readonly adminCsrf: { cookie: string; token: string },
    /** A topic on the board, so that topic routes answer for a real one (refusals render its page). */
    readonly topicId: number,
  ) {}

  static async create(app: App): Promise<Identities> {
    const now = app.clock();
    const staffIds = new Map<Role, number>();
    for (const role of STAFF_ROLES) {
      const person = { email: `${role}@matrix.example.org`, name: `${role} in the matrix`, role };
      const created = await app.services.accounts.createUser(person, { now, actor: null });
      if (!created.ok) throw new Error(created.message);
      staffIds.set(role, created.user.id);
    }
    const reader = await app.services.members.ensureMember('reader@matrix.example.org', now);
    const patronGrant = { email: 'patron@matrix.example.org', tierId: null, until: null, note: 'matrix' };
    const granted = await app.services.patrons.grantPatronage(patronGrant, { now, actor: null });
    if (!granted.ok) throw new Error(granted.message);
    const patron = (await app.services.members.findMemberByEmail('patron@matrix.example.org'))!;
    const owner = { id: staffIds.get('owner')!, name: 'owner', role: 'owner' as const };
    const partnerGrant = { partnerName: 'Valley Community Radio', scope: { kind: 'all' as const }, fullText: true, expiresAt: null, notes: '' };
    const grant = await app.services.partners.grant(partnerGrant, owner, now);
    if (!grant.ok) throw new Error(grant.message);
    const proposal = { memberId: patron.id, title: 'Where the night buses stop', description: 'Which routes were cut this year.' };
    const topic = await app.services.topics.propose(proposal, now);
    if (!topic.ok) throw new Error(topic.message);
    await app.http.ready();
    const login = await app.http.inject({ url: '/admin/login' });
    const setCookie = [login.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('mh_csrf='));
    if (!setCookie) throw new Error('no CSRF cookie from /admin/login');
    const adminCsrf = { cookie: setCookie.split(';')[0]!, token: csrfToken(login.body) };
    return new Identities(app, staffIds, reader.id, patron.id, grant.key, adminCsrf, topic.topic.id);
  }

  private async session(kind: 'staff' | 'member', id: number, expired: boolean): Promise<{ cookie: string; memberCsrf: string | null }> {
    const now = this.app.clock();
    const startedAt = expired ? new Date(now.getTime() - 400 * DAY) : now;
    const { token } = await this.app.services.sessions.start(kind, id, { now: startedAt, ip: '127.0.0.1', userAgent: 'MatrixBrowser/1.0' }, 30);
    const name = kind === 'staff' ? 'mh_session' : MEMBER_COOKIE;
    const memberCsrf = kind === 'member' ? memberCsrfToken(this.app.config.secretKey!, hashToken(token)) : null;
    return { cookie: `${name}=${this.app.http.signCookie(token)}`, memberCsrf };
  }

  private async credentials(who: Identity): Promise<Credentials> {
    const base = { cookie: this.adminCsrf.cookie, adminCsrf: this.adminCsrf.token, memberCsrf: null };
    switch (who) {
      case 'anonymous':
        return base;
      case 'partner key':
        return { ...base, authorization: `Bearer ${this.partnerKey}` };
      case 'reader':
      case 'patron': {
        const s = await this.session('member', who === 'reader' ? this.readerId : this.patronId, false);
        return { ...base, cookie: `${base.cookie}; ${s.cookie}`, memberCsrf: s.memberCsrf };
      }
      case 'expired session': {
        const staff = await this.session('staff', this.staffIds.get('owner')!, true);
        const member = await this.session('member', this.patronId, true);
        return { ...base, cookie: `${base.cookie}; ${staff.cookie}; ${member.cookie}`, memberCsrf: member.memberCsrf };
      }
      default: {
        const s = await this.session('staff', this.staffIds.get(who)!, false);
        return { ...base, cookie: `${base.cookie}; ${s.cookie}` };
      }
    }
  }

  /** The headers a browser signed in as `who` sends (cookies, bearer key, the page's form token), for hand-made bodies. */
  async headersFor(who: Identity, url: string): Promise<Record<string, string>> {
    const c = await this.credentials(who);
    const token = url.startsWith('/admin') ? c.adminCsrf : c.memberCsrf;
    this.ip += 1;
    return {
      cookie: c.cookie,
      'user-agent': 'MatrixBrowser/1.0',
      'x-forwarded-for': `10.${(this.ip >> 16) & 255}.${(this.ip >> 8) & 255}.${this.ip & 255}`,
      ...(c.authorization ? { authorization: c.authorization } : {}),
      ...(token ? { 'x-csrf-token': token } : {}),
    };
  }

  /**
   * One request as `who`. `token`: 'valid' sends the form token a page of that area would carry
   * (the admin token under /admin, the member's token elsewhere), 'none' sends none, 'wrong' a forged one.
   */
  async send(who: Identity, method: string, url: string, token: 'valid' | 'none' | 'wrong' = 'valid'): Promise<Response> {
    const c = await this.credentials(who);
    const real = url.startsWith('/admin') ? c.adminCsrf : c.memberCsrf;
    const value = token === 'none' ? null : token === 'wrong' ? 'forged-token-0123456789abcdefghijklmnopqrstuvwxyz' : real;
    this.ip += 1;
    const headers: Record<string, string> = {
      cookie: c.cookie,
      'user-agent': 'MatrixBrowser/1.0',
      // A distinct client address per request keeps the per-IP rate limits out of the picture.
      'x-forwarded-for': `10.${(this.ip >> 16) & 255}.${(this.ip >> 8) & 255}.${this.ip & 255}`,
      ...(c.authorization ? { authorization: c.authorization } : {}),
      ...(value ? { 'x-csrf-token': value } : {}),
    };
    const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    if (!hasBody) return this.app.http.inject({ method: method as 'GET', url, headers });
    return this.app.http.inject({
      method: method as 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: value ? new URLSearchParams({ _csrf: value }).toString() : '',
    });
  }
}

/** A concrete address for a route pattern: ids that exist nowhere, so a permitted request ends in a 4xx at worst. */
export function concreteUrl(pattern: string, topicId: number): string {
  // Topic forms answer a refusal with the topic's page, so they get a topic that exists.
  if (/^\/(api\/v1\/)?topics\/:id/.test(pattern)) return pattern.replace(':id', String(topicId));
  const values: Record<string, string> = {
    id: '999999',
    articleId: '999999',
    revision: '1',
    slug: 'no-such-story',
    token: 'no-such-token-0123456789',
    hash: 'a'.repeat(32),
    file: '800.jpeg',
    chunk: 'articles-1.xml',
  };
  return pattern.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? '1');
}

/** Refused by authorization: 401, 403, or a redirect to a sign-in page that comes back afterwards. */
export function isDenied(res: Response): boolean {
  if (res.statusCode === 401 || res.statusCode === 403) return true;
  const location = String(res.headers.location ?? '');
  return res.statusCode >= 300 && res.statusCode < 400 && /^\/(admin\/login|account\/sign-in)\?next=/.test(location);
}
