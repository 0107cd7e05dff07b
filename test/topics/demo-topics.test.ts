import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoTopics } from '../../src/demo/demo-topics.js';
import { buildApp, type TestApp } from '../support/app.js';
import { createArticle } from '../support/factories.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

describe('demo topics', () => {
  it('fills the board once: open, planned, covered with its story, declined with its reason', async () => {
    app = await buildApp();
    await createArticle(app, { slug: 'eastbank-lead-tests' });
    const deps = { topics: app.services.topics, patrons: app.services.patrons, articles: app.services.articles };
    expect(await loadDemoTopics(deps, app.clock())).toBe(5);
    const board = await app.services.topics.listBoard(app.clock());
    expect([board.open.length, board.planned.length, board.covered.length, board.declined.length]).toEqual([2, 1, 1, 1]);
    expect(board.covered[0]!.tally).toEqual({ weight: 4, voters: 4, fromFormer: 0 });
    expect(board.declined[0]!.statusReason).not.toBe('');
    const article = await app.services.articles.findArticle('eastbank-lead-tests');
    expect(await app.services.topics.listTopicsCoveredBy(article!.id)).toEqual([{ id: board.covered[0]!.id, title: board.covered[0]!.title }]);
    expect(await loadDemoTopics(deps, app.clock())).toBe(0);
  });
});
