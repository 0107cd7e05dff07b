import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, FixedClock, type TestApp } from '../support/app.js';
import { memberClient } from '../support/members.js';

let app: TestApp;
afterEach(async () => app?.close());

const accountPage = async (headers: Record<string, string>) => (await app.http.inject({ url: '/account', headers })).body;

describe('a patronage granted by hand "until 2026-12-31"', () => {
  it('says "until 2026-12-31" on the account page, never the day after', async () => {
    app = await buildApp();
    const patron = await memberClient(app, { patron: { tierId: null, until: '2026-12-31' } });
    const body = await accountPage(patron.headers);
    expect(body).toContain('You are a patron (Patron), until 2026-12-31');
    expect(body).not.toContain('2027-01-01');
  });

  it('runs to the end of that day in the outlet’s time zone, and shows that day there', async () => {
    app = await buildApp({ clock: new FixedClock(new Date('2026-12-30T12:00:00.000Z')) });
    const saved = await app.services.site.updateSettings({ timeZone: 'America/Chicago' });
    expect(saved.ok).toBe(true);
    const patron = await memberClient(app, { patron: { tierId: null, until: '2026-12-31' } });
    const [grant] = await app.services.patrons.listPatronages(patron.member.id);
    // Midnight after 31 December in Chicago is 06:00 UTC on 1 January.
    expect(grant!.expiresAt).toBe('2027-01-01T06:00:00.000Z');
    expect(await accountPage(patron.headers)).toContain('until 2026-12-31');

    // 23:30 on 31 December in Chicago: still a patron. 00:00 on 1 January there: not any more.
    expect(await app.services.patrons.patronOf(patron.member.id, new Date('2027-01-01T05:30:00.000Z'))).not.toBeNull();
    expect(await app.services.patrons.patronOf(patron.member.id, new Date('2027-01-01T06:00:00.000Z'))).toBeNull();
  });

  it('refuses a date that does not exist', async () => {
    app = await buildApp();
    const result = await app.services.patrons.grantPatronage(
      { email: 'x@example.org', tierId: null, until: '2026-02-30', note: '' },
      { now: app.clock(), actor: null, notify: false },
    );
    expect(result).toMatchObject({ ok: false, field: 'until' });
  });
});
