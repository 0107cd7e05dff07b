import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';
import { createArticle } from '../support/factories.js';
import { memberClient } from '../support/members.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const EDITOR = { id: 1, name: 'Desk', role: 'editor' as const };

async function tier(voteWeight: number): Promise<number> {
  const r = await app.services.patrons.saveTier(
    null,
    { name: `Tier ${voteWeight}`, description: '', monthlyPrice: 500 * voteWeight, yearlyPrice: null, currency: 'EUR', voteWeight, position: 0 },
    { now: app.clock(), actor: null },
  );
  if (!r.ok) throw new Error(r.message);
  return r.tier.id;
}

async function propose(memberId: number, title: string) {
  const r = await app.services.topics.propose({ memberId, title, description: 'Proposed in a test.' }, app.clock());
  if (!r.ok) throw new Error(r.message);
  return r.topic.id;
}

const tally = async (id: number) => (await app.services.topics.findTopic(id, app.clock()))!.tally;

const databases = await testDatabases();
describe.each(databases)('topics on %s', (database) => {
  it('proposes, votes, withdraws; a second vote is the same vote', async () => {
    app = await buildApp({ database });
    const p = await memberClient(app, { patron: true });
    const q = await memberClient(app, { patron: true });
    const id = await propose(p.member.id, 'Why do the Eastbank buses run late?');
    // Proposing is the first vote for it: exactly one, from the proposer.
    expect(await tally(id)).toEqual({ weight: 1, voters: 1, fromFormer: 0 });
    expect(await app.services.topics.votedTopicIds(p.member.id)).toEqual(new Set([id]));
    expect(await app.services.topics.votedTopicIds(q.member.id)).toEqual(new Set());
    expect(await app.services.topics.vote({ topicId: id, memberId: p.member.id }, app.clock())).toMatchObject({
      ok: true,
      counted: false,
      tally: { weight: 1, voters: 1 },
    });
    const first = await app.services.topics.vote({ topicId: id, memberId: q.member.id }, app.clock());
    expect(first).toMatchObject({ ok: true, counted: true, tally: { weight: 2, voters: 2 } });
    const again = await app.services.topics.vote({ topicId: id, memberId: q.member.id }, app.clock());
    expect(again).toMatchObject({ ok: true, counted: false, tally: { weight: 2, voters: 2 } });
    expect(await app.services.topics.votedTopicIds(q.member.id)).toEqual(new Set([id]));
    // The proposer can take their vote back like any other.
    expect(await app.services.topics.withdrawVote({ topicId: id, memberId: p.member.id }, app.clock())).toMatchObject({
      ok: true,
      removed: true,
      tally: { weight: 1, voters: 1 },
    });
    expect(await app.services.topics.withdrawVote({ topicId: id, memberId: p.member.id }, app.clock())).toMatchObject({
      ok: true,
      removed: false,
      tally: { weight: 1, voters: 1 },
    });
    expect(await app.services.topics.votedTopicIds(p.member.id)).toEqual(new Set());
    expect(await app.services.topics.withdrawVote({ topicId: id, memberId: q.member.id }, app.clock())).toMatchObject({
      ok: true,
      removed: true,
      tally: { voters: 0 },
    });
    expect(await app.services.topics.exportFor(p.member.id)).toEqual({
      proposals: [
        {
          id,
          title: 'Why do the Eastbank buses run late?',
          description: 'Proposed in a test.',
          status: 'open',
          mergedIntoId: null,
          createdAt: app.clock().toISOString(),
        },
      ],
      votes: [],
    });
  });

  it('counts 20 simultaneous vote requests from one patron exactly once', async () => {
    app = await buildApp({ database });
    const proposer = await memberClient(app, { patron: true });
    const p = await memberClient(app, { patron: true });
    const id = await propose(proposer.member.id, 'Parking rules on Canal Street');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.http.inject({ method: 'POST', url: `/api/v1/topics/${id}/votes`, headers: { ...p.headers, 'x-csrf-token': p.csrf } }),
      ),
    );
    // One request made the vote (201); the other 19 found it there (200). None failed.
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    expect(await tally(id)).toEqual({ weight: 2, voters: 2, fromFormer: 0 }); // the proposer's vote and this one
    expect((await app.services.topics.exportFor(p.member.id)).votes).toHaveLength(1);
  });

  it('weighs votes by the tier each patron voted with', async () => {
    app = await buildApp({ database });
    const [light, heavy] = [await tier(1), await tier(3)];
    const a = await memberClient(app, { patron: { tierId: light } });
    const b = await memberClient(app, { patron: { tierId: heavy } });
    const c = await memberClient(app, { patron: true }); // a grant with no tier weighs 1
    // The heavy patron proposes: their proposal is their vote, cast with their tier.
    const id = await propose(b.member.id, 'Who owns the empty lots on Mill Road?');
    expect(await tally(id)).toEqual({ weight: 3, voters: 1, fromFormer: 0 });
    for (const m of [a, c])
      expect(await app.services.topics.vote({ topicId: id, memberId: m.member.id }, app.clock())).toMatchObject({ ok: true, counted: true });
    expect(await app.services.topics.vote({ topicId: id, memberId: b.member.id }, app.clock())).toMatchObject({ ok: true, counted: false });
    expect(await tally(id)).toEqual({ weight: 5, voters: 3, fromFormer: 0 });
    // The tally uses the tier's weight now: the newsroom changed its mind about tier weights.
    const changed = await app.services.patrons.saveTier(
      heavy,
      { name: 'Tier 3', description: '', monthlyPrice: 1500, yearlyPrice: null, currency: 'EUR', voteWeight: 2, position: 0 },
      { now: app.clock(), actor: null },
    );
    expect(changed.ok).toBe(true);
    expect(await tally(id)).toEqual({ weight: 4, voters: 3, fromFormer: 0 });
    const board = await app.services.topics.listBoard(app.clock());
    expect(board.open.map((t) => [t.id, t.tally.weight])).toEqual([[id, 4]]);
  });

  it("keeps a lapsed patron's vote, marked, and lets them vote no more", async () => {
    app = await buildApp({ database });
    const lapsing = await memberClient(app, { patron: { tierId: null, until: '2026-11-27' } });
    const staying = await memberClient(app, { patron: true });
    const id = await propose(staying.member.id, 'Flood insurance after the levee report');
    const other = await propose(staying.member.id, 'What happens to the Harlan mill site?');
    await app.services.topics.vote({ topicId: id, memberId: lapsing.member.id }, app.clock());
    await app.services.topics.vote({ topicId: id, memberId: staying.member.id }, app.clock());
    app.fixedClock.advance(24 * 3600_000); // the grant ended at midnight
    expect(await tally(id)).toEqual({ weight: 2, voters: 2, fromFormer: 1 });
    expect(await app.services.topics.vote({ topicId: other, memberId: lapsing.member.id }, app.clock())).toMatchObject({ ok: false, status: 403 });
    expect(
      await app.services.topics.propose({ memberId: lapsing.member.id, title: 'A topic from a former patron', description: '' }, app.clock()),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it('merges duplicates: each patron counts once, the others move, the duplicate redirects', async () => {
    app = await buildApp({ database });
    const [both, onlySource, onlyTarget] = [
      await memberClient(app, { patron: true }),
      await memberClient(app, { patron: true }),
      await memberClient(app, { patron: true }),
    ];
    const target = await propose(both.member.id, 'Rents in the Riverside flats');
    const source = await propose(onlySource.member.id, 'Why are Riverside rents rising so fast?');
    await createArticle(app, { slug: 'rent-story' });
    expect((await app.services.topics.linkArticle(source, 'rent-story', { now: app.clock(), actor: EDITOR })).ok).toBe(true);
    for (const m of [both, onlySource]) await app.services.topics.vote({ topicId: source, memberId: m.member.id }, app.clock());
    for (const m of [both, onlyTarget]) await app.services.topics.vote({ topicId: target, memberId: m.member.id }, app.clock());
    expect(await app.services.topics.merge(source, target, { now: app.clock(), actor: EDITOR })).toEqual({ ok: true, moved: 1 });
    expect(await tally(target)).toEqual({ weight: 3, voters: 3, fromFormer: 0 });
    expect(await tally(source)).toEqual({ weight: 0, voters: 0, fromFormer: 0 });
    const board = await app.services.topics.listBoard(app.clock());
    expect(board.open.map((t) => t.id)).toEqual([target]);
    expect(await app.services.topics.showTopic(source, app.clock())).toEqual({ kind: 'merged', intoId: target });
    const page = await app.http.inject({ url: `/topics/${source}` });
    expect(page.statusCode).toBe(301);
    expect(page.headers.location).toBe(`/topics/${target}`);
    expect((await app.services.topics.findForNewsroom(target, app.clock()))!.articles.map((a) => a.slug)).toEqual(['rent-story']);
    // A merged topic takes no votes, and cannot be merged again; a later merge of the target carries it along.
    expect(await app.services.topics.vote({ topicId: source, memberId: onlyTarget.member.id }, app.clock())).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringContaining(`merged into topic ${target}`),
    });
    expect(await app.services.topics.merge(source, target, { now: app.clock(), actor: EDITOR })).toMatchObject({ ok: false, status: 422 });
    const third = await propose(onlyTarget.member.id, 'Housing costs across Riverbend');
    expect((await app.services.topics.merge(target, third, { now: app.clock(), actor: EDITOR })).ok).toBe(true);
    expect(await app.services.topics.showTopic(source, app.clock())).toEqual({ kind: 'merged', intoId: third });
    expect(await tally(third)).toEqual({ weight: 3, voters: 3, fromFormer: 0 });
  });

  it('declines only with a reason, and says which covered topics chose an article', async () => {
    app = await buildApp({ database });
    const p = await memberClient(app, { patron: true });
    const id = await propose(p.member.id, 'Potholes on the ring road');
    const ctx = { now: app.clock(), actor: EDITOR };
    expect(await app.services.topics.setStatus(id, { status: 'declined', reason: ' ' }, ctx)).toMatchObject({ ok: false, status: 422, field: 'reason' });
    expect(await app.services.topics.setStatus(id, { status: 'finished', reason: '' }, ctx)).toMatchObject({ ok: false, status: 422, field: 'status' });
    expect(
      await app.services.topics.setStatus(id, { status: 'declined', reason: 'The ring road is outside the city; the county paper covers it.' }, ctx),
    ).toMatchObject({ ok: true });
    const found = await app.services.topics.findTopic(id, app.clock());
    expect(found).toMatchObject({ status: 'declined', statusReason: 'The ring road is outside the city; the county paper covers it.' });

    const covered = await propose(p.member.id, 'Lead in the Eastbank school water');
    await createArticle(app, { slug: 'lead-story' });
    const article = await app.services.articles.findArticle('lead-story');
    await app.services.topics.linkArticle(covered, 'lead-story', ctx);
    expect(await app.services.topics.listTopicsCoveredBy(article!.id)).toEqual([]);
    await app.services.topics.setStatus(covered, { status: 'covered', reason: '' }, ctx);
    expect(await app.services.topics.listTopicsCoveredBy(article!.id)).toEqual([{ id: covered, title: 'Lead in the Eastbank school water' }]);
  });

  it('holds the proposal limit when a patron sends five at once', async () => {
    app = await buildApp({ database });
    const p = await memberClient(app, { patron: true });
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        app.services.topics.propose({ memberId: p.member.id, title: `Parallel proposal number ${i}`, description: '' }, app.clock()),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.status)).toEqual([429, 429]);
    app.fixedClock.advance(24 * 3600_000 + 1000);
    expect((await app.services.topics.propose({ memberId: p.member.id, title: 'The next day, one more', description: '' }, app.clock())).ok).toBe(true);
  });
});
