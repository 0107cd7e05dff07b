import { afterEach, describe, expect, it } from 'vitest';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

let app: TestApp;
afterEach(async () => app?.close());
const databases = await testDatabases();

const ADDRESSES = ['jo_smith@example.org', 'joxsmith@example.org', 'jo-smith@example.org', 'annalee@example.org'];

describe.each(databases)('searching members in the newsroom (%s)', (database) => {
  it('takes _ % and \\ literally: jo_smith finds jo_smith only', async () => {
    app = await buildApp({ database });
    for (const email of ADDRESSES) await app.services.members.ensureMember(email, app.clock());
    const search = async (query: string) =>
      (await app.services.patrons.listMembers({ now: app.clock(), query, page: 1, perPage: 50 })).map((r) => r.member.email).sort();
    expect(await search('jo_smith')).toEqual(['jo_smith@example.org']);
    expect(await search('_')).toEqual(['jo_smith@example.org']);
    // A wildcard typed in the box is a character to find, not "everything".
    expect(await search('%')).toEqual([]);
    expect(await search('ann%lee')).toEqual([]);
    expect(await search('\\')).toEqual([]);
    expect(await search('smith')).toEqual(['jo-smith@example.org', 'jo_smith@example.org', 'joxsmith@example.org']);
    expect(await search('')).toHaveLength(ADDRESSES.length);
  });
});

describe('the members page', () => {
  it('finds jo_smith from the search box', async () => {
    app = await buildApp();
    for (const email of ADDRESSES) await app.services.members.ensureMember(email, app.clock());
    const { client } = await loggedInClient(app, 'admin');
    const page = await client.get('/admin/members?q=jo_smith');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('jo_smith@example.org');
    expect(page.body).not.toContain('joxsmith@example.org');
  });
});
