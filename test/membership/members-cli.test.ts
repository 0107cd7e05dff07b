import { afterEach, describe, expect, it } from 'vitest';
import { runMembersCli } from '../../src/membership/member-cli.js';
import { buildApp, type TestApp } from '../support/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function cli(...args: string[]) {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runMembersCli(args, app!.services, app!.clock(), { log: (s) => void log.push(s), error: (s) => void error.push(s) });
  return { code, log: log.join('\n'), error: error.join('\n') };
}

describe('masthead members', () => {
  it('adds a reader, then makes them a patron of a tier until a date', async () => {
    app = await buildApp();
    await app.services.patrons.saveTier(
      null,
      { name: 'Coffee', description: '', monthlyPrice: 450, yearlyPrice: null, currency: 'EUR', voteWeight: 1, position: 0 },
      { now: app.clock(), actor: null },
    );
    const plain = await cli('add', '--email', 'Reader@Example.org');
    expect(plain.code).toBe(0);
    expect(plain.log).toMatch(/^Created reader account #\d+ for reader@example\.org\./);
    const patron = await cli('add', '--email', 'reader@example.org', '--tier', 'coffee', '--until', '2027-06-30', '--note', 'cheque');
    expect(patron.code).toBe(0);
    expect(patron.log).toMatch(/reader@example\.org \(#\d+\) is a Coffee patron until the end of 2027-06-30\./);
    const member = (await app.services.members.findMemberByEmail('reader@example.org'))!;
    expect(await app.services.patrons.patronOf(member.id, app.clock())).toMatchObject({ tierName: 'Coffee', expiresAt: '2027-07-01T00:00:00.000Z' });
    const list = await cli('list', '--patrons', '--json');
    expect(JSON.parse(list.log)).toEqual([expect.objectContaining({ email: 'reader@example.org', patron: true })]);
    expect((await app.services.audit.list(1))[0]).toMatchObject({ action: 'patron.grant', actorName: 'system' });
  });

  it('refuses unknown tiers, bad dates and addresses, and explains usage', async () => {
    app = await buildApp();
    expect(await cli('add', '--email', 'x@example.org', '--tier', 'Gold')).toMatchObject({
      code: 1,
      error: expect.stringContaining('there is no tier "Gold"'),
    });
    await app.services.patrons.saveTier(
      null,
      { name: 'Gold', description: '', monthlyPrice: 2000, yearlyPrice: null, currency: 'EUR', voteWeight: 3, position: 0 },
      { now: app.clock(), actor: null },
    );
    expect(await cli('add', '--email', 'x@example.org', '--tier', 'Gold', '--until', '31/12/2027')).toMatchObject({
      code: 1,
      error: expect.stringContaining('until must be a date such as 2027-12-31'),
    });
    expect(await cli('add', '--email', 'not-an-address')).toMatchObject({ code: 1, error: expect.stringContaining('is not an email address') });
    expect(await cli('add', '--email', 'x@example.org', '--until', '2027-01-01')).toMatchObject({ code: 2, error: expect.stringContaining('give --tier too') });
    expect(await cli('add')).toMatchObject({ code: 2, error: expect.stringContaining('members add needs --email') });
    expect(await cli('remove')).toMatchObject({ code: 2 });
    expect(await app.services.members.findMemberByEmail('x@example.org')).toBeNull();
  });
});
