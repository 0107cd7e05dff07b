import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { AdminClient, csrfToken, loggedInClient } from '../support/admin.js';

let app: TestApp;
afterEach(async () => app?.close());

describe('staff login and sessions', () => {
  it('logs in with a one-time link, which then stops working', async () => {
    app = await buildApp();
    const created = await app.services.accounts.createUser({ email: 'Editor@Example.org ', name: 'Eda', role: 'editor' }, { now: app.clock(), actor: null });
    expect(created.ok && created.user.email).toBe('editor@example.org');
    const token = await app.services.accounts.issueLoginToken(created.ok ? created.user.id : 0, app.clock());
    const client = new AdminClient(app);
    const page = await client.get(`/admin/login/link/${token}`);
    expect(page.statusCode).toBe(200);
    const res = await client.post(`/admin/login/link/${token}`, {}, { csrf: csrfToken(page.body) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('mh_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect((await client.get('/admin/sessions')).statusCode).toBe(200);
    // Used once: a second browser cannot use it again.
    const other = new AdminClient(app);
    expect((await other.get(`/admin/login/link/${token}`)).statusCode).toBe(410);
    const again = await other.post(`/admin/login/link/${token}`, {}, { csrfFrom: '/admin/login' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('expired or was already used');
  });

  it('redirects to the login page without a session, and refuses a forged session cookie', async () => {
    app = await buildApp();
    const anon = new AdminClient(app);
    const res = await anon.get('/admin/users');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fusers');
    anon.cookies.set('mh_session', 'made-up-token.signature');
    expect((await anon.get('/admin/sessions')).statusCode).toBe(303);
  });

  it('refuses a form post without a valid CSRF token', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'owner');
    const noToken = await client.post('/admin/users', { email: 'x@example.org', role: 'writer' }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    const badToken = await client.post('/admin/users', { email: 'x@example.org', role: 'writer' }, { csrf: 'forged' });
    expect(badToken.statusCode).toBe(403);
    expect(badToken.body).toMatch(/reload the page/i);
    expect(await app.services.accounts.countUsers()).toBe(1);
  });

  it('logs in with a password, locks out after repeated failures, without revealing who has an account', async () => {
    app = await buildApp();
    const { client, user } = await loggedInClient(app, 'writer', 'writer@example.org');
    expect((await client.post('/admin/password', { password: 'a long enough password' }, { csrfFrom: '/admin/sessions' })).statusCode).toBe(303);

    const browser = new AdminClient(app);
    const good = await browser.post('/admin/login', { email: 'WRITER@example.org', password: 'a long enough password' });
    expect(good.statusCode).toBe(303);

    const attacker = new AdminClient(app);
    const wrong = await attacker.post('/admin/login', { email: 'writer@example.org', password: 'wrong password!!' });
    const unknown = await attacker.post('/admin/login', { email: 'nobody@example.org', password: 'wrong password!!' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1];
    expect(message(wrong.body)).toBe(message(unknown.body));
    for (let i = 0; i < 4; i++) await attacker.post('/admin/login', { email: 'writer@example.org', password: 'wrong password!!' });
    const locked = await attacker.post('/admin/login', { email: 'writer@example.org', password: 'a long enough password' });
    expect(locked.statusCode).toBe(429);
    expect(message(locked.body)).toMatch(/Too many failed attempts\. Try again in 15 minutes/);
    // An unknown address locks the same way: the answer does not tell them apart.
    for (let i = 0; i < 5; i++) await attacker.post('/admin/login', { email: 'ghost@example.org', password: 'wrong password!!' });
    expect((await attacker.post('/admin/login', { email: 'ghost@example.org', password: 'x' })).statusCode).toBe(429);
    // The lock lifts when the window passes.
    app.fixedClock.advance(16 * 60_000);
    expect((await attacker.post('/admin/login', { email: 'writer@example.org', password: 'a long enough password' })).statusCode).toBe(303);
    expect(user.role).toBe('writer');
  });

  it('expires sessions, logs out, and logs out everywhere', async () => {
    app = await buildApp();
    const { client, user } = await loggedInClient(app, 'editor', 'ed@example.org');
    const second = new AdminClient(app);
    const token = await app.services.accounts.issueLoginToken(user.id, app.clock());
    await second.post(`/admin/login/link/${token}`, {}, { csrfFrom: `/admin/login/link/${token}` });
    expect((await second.get('/admin/sessions')).statusCode).toBe(200);

    // Log out ends only this session.
    expect((await client.post('/admin/logout', {}, { csrfFrom: '/admin/sessions' })).statusCode).toBe(303);
    expect((await client.get('/admin/sessions')).statusCode).toBe(303);
    expect((await second.get('/admin/sessions')).statusCode).toBe(200);

    // Log out everywhere ends the rest.
    const third = new AdminClient(app);
    const t3 = await app.services.accounts.issueLoginToken(user.id, app.clock());
    await third.post(`/admin/login/link/${t3}`, {}, { csrfFrom: `/admin/login/link/${t3}` });
    expect((await second.post('/admin/sessions/logout-everywhere', {}, { csrfFrom: '/admin/sessions' })).statusCode).toBe(303);
    expect((await second.get('/admin/sessions')).statusCode).toBe(303);
    expect((await third.get('/admin/sessions')).statusCode).toBe(303);

    // Sessions expire after 14 days.
    const fourth = new AdminClient(app);
    const t4 = await app.services.accounts.issueLoginToken(user.id, app.clock());
    await fourth.post(`/admin/login/link/${t4}`, {}, { csrfFrom: `/admin/login/link/${t4}` });
    expect((await fourth.get('/admin/sessions')).statusCode).toBe(200);
    app.fixedClock.advance(15 * 86_400_000);
    expect((await fourth.get('/admin/sessions')).statusCode).toBe(303);
  });

  it('shows a hostile user name escaped in the admin, and audits user creation and new-device logins', async () => {
    app = await buildApp();
    const { client } = await loggedInClient(app, 'owner');
    const res = await client.post(
      '/admin/users',
      { email: 'new@example.org', name: '<script>alert(1)</script>', role: 'editor' },
      { csrfFrom: '/admin/users' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/admin/login/link/');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
    const audit = await client.get('/admin/audit');
    expect(audit.body).toContain('user.create');
    expect(audit.body).toContain('login.new-device');
  });
});
