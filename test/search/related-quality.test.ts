import { afterEach, describe, expect, it } from 'vitest';
import { clusteredArchive, precisionAt4, publishAll } from '../../bench/related-quality.js';
import { buildApp, type TestApp } from '../support/app.js';
import { testDatabases } from '../support/databases.js';

let app: TestApp;
afterEach(async () => app?.close());

const databases = await testDatabases();
describe.each(databases)('related stories quality on %s', (database) => {
  it('finds a story\u2019s own subject by its words, when tags and sections cut across subjects', async () => {
    app = await buildApp({ database });
    const { inputs, cluster } = clusteredArchive(5);
    await publishAll(app, inputs);
    const { precision } = await precisionAt4(app, cluster);
    console.log(`[related] ${database}: precision@4 ${precision.toFixed(3)} over ${cluster.size} stories`);
    // Chance would be about 4/39 (0.10): only the text separates the subjects.
    expect(precision).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
