import { hashToken } from '../../src/accounts/session-service.js';
import type { Response } from 'light-my-request';
import type { App } from '../../src/main.js';
import { MEMBER_COOKIE, memberCsrfToken } from '../../src/membership/member-context.js';
import type { Member } from '../../src/membership/member.js';

/** A signed-in reader for in-process requests: `headers` carries the session cookie, `csrf` the form token. */
export interface MemberClient {
  member: Member;
  cookie: string;
  csrf: string;
  headers: { cookie: string; 'user-agent': string };
  /** Posts a urlencoded form with the member's cookie and form token. */
  post(url: string, fields?: Record<string, string>): Promise<Response>;
}

/**
 * Makes a member (a patron with a manual grant when `patron` is set) and a session for them,
 * through the same services the sign-in link uses. The secret is the test app's SECRET_KEY.
 */
export async function memberClient(
  app: App,
  opts: { email?: string; patron?: boolean | { tierId: number | null; until?: string | null } } = {},
): Promise<MemberClient> {
  const email = opts.email ?? `reader-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const now = app.clock();
  if (opts.patron) {
    const p = typeof opts.patron === 'object' ? opts.patron : { tierId: null };
    const granted = await app.services.patrons.grantPatronage({ email, tierId: p.tierId, until: p.until ?? null, note: 'test grant' }, { now, actor: null });
    if (!granted.ok) throw new Error(granted.message);
  }
  const member = (await app.services.members.findMemberByEmail(email)) ?? (await app.services.members.ensureMember(email, now));
  await app.http.ready();
  const { token } = await app.services.sessions.start('member', member.id, { now, ip: '127.0.0.1', userAgent: 'TestBrowser/1.0' }, 30);
  const cookie = `${MEMBER_COOKIE}=${app.http.signCookie(token)}`;
  const csrf = memberCsrfToken(app.config.secretKey!, hashToken(token));
  const headers = { cookie, 'user-agent': 'TestBrowser/1.0' };
  return {
    member,
    cookie,
    csrf,
    headers,
    post: (url, fields = {}) =>
      app.http.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      }),
  };
}
