import { parseArgs } from 'node:util';
import { runBackupCli, runCopyToCli, runRestoreCli } from '../backup/backup-cli.js';
import type { Role } from '../accounts/user.js';
import { ConfigError, loadConfig } from '../config.js';
import { runPartnersCli } from '../syndication/partner-cli.js';
import { runMembersCli } from '../membership/member-cli.js';
import { runAdsCli } from '../ads/ad-cli.js';
import { runAnalyticsCli } from '../analytics/analytics-cli.js';
import { runFundersCli } from '../funders/funder-cli.js';
import { runSearchCli } from '../search/search-cli.js';
import { runPlatformImportCli } from '../imports/import-cli.js';
import { runExportCli } from '../exports/export-cli.js';
import { createCore, type Core } from '../core.js';
import { runNewsletterCli, runSubscribersCli } from '../newsletters/newsletter-cli.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/db.js';

/** How long `serve` waits for a first request before it starts its job worker anyway. */
const WORKER_START_MS = 1000;

const USAGE = `Usage: masthead <command> [options]

Commands:
  serve                               start the web server (migrates first; fills an empty site with demo content)
  worker                              run only the job worker (no HTTP): scheduled publishing, mail, webhooks
  migrate                             apply pending database migrations
  import <file-or-dir>... [--publish] [--update]
                                      import Markdown files with YAML front matter, all or nothing
                                      (a directory written by \`masthead export\` brings the whole site in)
  export DIR                          write the whole site to a new directory: every story as Markdown,
                                      the images, and masthead-site.json (members, topics, corrections...)
  export --format wxr FILE.xml [--media-dir DIR]
                                      write a WordPress export (WXR 1.2); --media-dir copies the images
  import wordpress FILE.xml [--media-dir DIR] [--dry-run] [--publish-as-imported] [--staff-accounts]
                                      import a WordPress export (WXR): posts, pages, authors, categories,
                                      tags, images, old URLs as redirects; a second run imports only what is new
  import ghost FILE.json [--media-dir DIR] [--dry-run]
                                      import a Ghost export: posts, pages, tags, authors, members
  articles list [--json]              list articles: slug, headline, status, url, published_at
  corrections list [--status S] [--json]
                                      list reader reports (status: new, accepted, rejected, duplicate)
  partners add --name N [--scope all|section:S|article:SLUG...] [--full-text] [--expires DATE]
                                      grant republication rights; prints a partner key once
  partners list [--json] | partners revoke ID
  members add --email E [--tier T] [--until DATE] [--note N]
                                      create a reader account; with --tier, a patron granted by hand
  members list [--patrons] [--json]
  ads add --name N --slot SLOT [--slot SLOT...] --image FILE --alt TEXT --link URL [--advertiser A]
          [--section S] [--tag T] [--starts DATE] [--ends DATE] [--weight N] [--cap N]
                                      create an ad campaign; prints its id
  ads list [--json] | ads report [--json]
                                      campaigns with impressions, clicks and CTR; the same by day
  analytics [--days N] [--json]       page views and visitors per article (by slug), top referrers (default 30 days)
  funders add --name N [--url U] [--line TEXT]
                                      credit a funder in every page's footer and on /support; prints its id
  funders list [--json]
  backup FILE                         write the database, images and cookie key to one .tar.gz (safe while serving)
  restore FILE [--force]              put a backup in place (stop the servers first; --force replaces a site with content)
  copy-to --database postgres://… [--schema S]
                                      copy this SQLite site (DATABASE_URL) into an empty PostgreSQL database,
                                      all or nothing; images stay where they are
  subscribers import FILE.csv --newsletter N [--confirmed] | subscribers export [--newsletter N]
                                      add a list of addresses (all or nothing) / CSV of subscribers
  newsletter send --newsletter N (--article SLUG | --digest SLUG,SLUG) [--subject S] [--intro T] [--at TIME]
                                      send a story or a digest to a newsletter (or schedule it); newsletter resume --issue ID
  search reindex [--related]          rebuild the search index (and, with --related, every related-stories list)
  user add --email E --role R [--name N]
                                      create a staff account and print a one-time login link
                                      (roles: owner, admin, editor, writer, contributor)

Configuration comes from the environment: PORT, PUBLIC_URL, DATABASE_URL, DATA_DIR, DEMO_CONTENT, LOG_LEVEL,
SMTP_URL, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and more.
See docs/operations.md.`;

type Out = { log: (s: string) => void; error: (s: string) => void };

/** Runs a CLI command. Returns the process exit code. Commands call services, never HTTP. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: Out = console): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(env, out);
      case 'worker':
        return await runWorker(env, out);
      case 'migrate':
        return await runMigrate(env, out);
      case 'import':
        return await runImport(rest, env, out);
      case 'export':
        return await withApp(env, (app) => runExportCli(rest, app.services, app.clock(), out));
      case 'articles':
        return await runArticles(rest, env, out);
      case 'user':
        return await runUser(rest, env, out);
      case 'corrections':
        return await runCorrections(rest, env, out);
      case 'partners':
        return await withApp(env, (app) => runPartnersCli(rest, app.services, app.clock(), out));
      case 'members':
        return await withApp(env, (app) => runMembersCli(rest, app.services, app.clock(), out));
      case 'ads':
        return await withApp(env, (app) => runAdsCli(rest, app.services, app.clock(), out));
      case 'analytics':
        return await withApp(env, (app) => runAnalyticsCli(rest, app.services, app.clock(), out));
      case 'funders':
        return await withApp(env, (app) => runFundersCli(rest, app.services, app.clock(), out));
      case 'backup':
        return await runBackupCli(rest, loadConfig(env), out);
      case 'restore':
        return await runRestoreCli(rest, loadConfig(env), out);
      case 'copy-to':
        return await runCopyToCli(rest, loadConfig(env), out);
      case 'search':
        return await withApp(env, (app) => runSearchCli(rest, app.services, app.clock(), out));
      case 'subscribers':
        return await withApp(env, (app) => runSubscribersCli(rest, app.services, app.clock(), { ...out, write: (s) => process.stdout.write(s) }));
      case 'newsletter':
        return await withApp(env, (app) => runNewsletterCli(rest, app.services, app.clock, out));
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(USAGE);
        return command === undefined ? 1 : 0;
      default:
        out.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      out.error(err.message);
      return 2;
    }
    if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}

/** Non-serving commands get the core alone: no Fastify, no bundled islands. */
async function withApp<T>(env: NodeJS.ProcessEnv, fn: (app: Core) => Promise<T>): Promise<T> {
  const app = await createCore({ ...loadConfig(env), logLevel: 'silent' });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function serve(env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const config = loadConfig(env);
  // Only serving loads the web shell.
  const { createApp } = await import('../main.js');
  const app = await createApp(config);
  if (config.demoContent && !(await app.services.articles.hasArticles())) {
    const settings = await app.services.site.getSettings();
    if (settings.name === 'Masthead')
      await app.services.site.updateSettings(
        // Two of its stories have Ukrainian translations (src/demo/articles/*-uk.md), served under /uk/.
        { name: 'The Riverbend Dispatch', tagline: 'Independent news for Riverbend, paid for by its readers', languages: ['uk'] },
        { now: app.clock(), actor: null },
      );
    out.log('Empty site: loading the demo outlet (drawing its pictures takes a few seconds)...');
    const { loadDemoContent } = await import('../demo/demo-loader.js');
    const result = await loadDemoContent(app.services.importer, { now: app.clock(), language: settings.language });
    if (result.ok) out.log(`Added ${result.articles.length} demo articles.`);
    else out.error(`Demo content could not be loaded: ${result.problems.map((p) => `${p.file}: ${p.message}`).join('; ')}`);
    const { loadDemoSupport } = await import('../demo/demo-support.js');
    const support = await loadDemoSupport(app.services, app.clock());
    if (support.tiers) out.log(`Added ${support.tiers} patron tiers and ${support.topics} topics patrons proposed.`);
    const { loadDemoAds } = await import('../demo/demo-ads.js');
    const campaigns = await loadDemoAds(app.services.ads, app.clock());
    if (campaigns) out.log(`Added ${campaigns} house ad campaigns.`);
    const { loadDemoPages } = await import('../demo/demo-pages.js');
    const demoPages = await loadDemoPages(app.services.pages, app.clock());
    if (demoPages) out.log(`Added ${demoPages} pages (About, Contact).`);
  }
  await ensureOwner(app, env, out);
  // Scheduled publishing, pruning sign-in links and lapsed patronages are recurring jobs (src/jobs/recurring-jobs.ts).
  // Page views are counted in memory; this writes them (one transaction) and rolls the daily salt over.
  const viewFlush = setInterval(() => {
    app.services.analytics.flush(app.clock()).catch((err: unknown) => app.http.log.error({ err }, 'writing page views failed'));
  }, 5_000);
  viewFlush.unref();
  await app.http.listen({ port: config.port, host: config.host });
  let stopping = false;
  // The job worker (unless WORKER=off): claims due jobs from the shared database alongside any other node.
  // It starts once the first answer has gone out, or WORKER_START_MS after listening if no request comes:
  // after a restart the recurring jobs are due, and their first claims and runs are writes (each one an
  // fsync) that would otherwise hold up the first page by tens of milliseconds.
  let workerStarted = false;
  const startWorker = () => {
    if (workerStarted || stopping) return;
    workerStarted = true;
    app.jobs.start().catch((err: unknown) => {
      app.http.log.error({ err }, 'the job worker could not start');
      process.exit(1);
    });
  };
  app.http.server.once('request', (_req, res) => res.once('close', () => setImmediate(startWorker)));
  setTimeout(startWorker, WORKER_START_MS).unref();
  out.log(`Masthead is running at ${config.publicUrl}`);
  // SIGTERM (systemd, a rolling restart): /readyz turns 503, the listener stops accepting, requests in
  // flight finish, then the core closes (the parts registered with onClose, such as the job queue, stop
  // first). A shutdown that hangs past SHUTDOWN_GRACE_MS exits anyway.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'shutting down: finishing requests in flight');
    app.health.drain();
    clearInterval(viewFlush);
    setTimeout(
      () => {
        app.http.log.error({}, 'shutdown took too long; exiting');
        process.exit(1);
      },
      Number(env.SHUTDOWN_GRACE_MS ?? 25_000),
    ).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return new Promise<number>(() => {}); // runs until a signal arrives
}

/**
 * `masthead worker`: the core and its job worker, no Fastify. Runs until SIGTERM/SIGINT, then lets the
 * jobs in flight finish. WORKER=off makes no sense here, so it is ignored.
 */
async function runWorker(env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const core = await createCore({ ...loadConfig(env), worker: true });
  await core.jobs.start();
  out.log('Masthead worker is running (no HTTP); stop it with SIGTERM.');
  const stop = async () => {
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}

/**
 * First start: with no staff accounts, make an owner and print a one-time login link, so the
 * person who ran `npm start` can get into /admin. Returns the link, or null when there were users.
 */
export async function ensureOwner(app: Core, env: NodeJS.ProcessEnv, out: Out): Promise<string | null> {
  if ((await app.services.accounts.countUsers()) > 0) return null;
  // A reserved domain (RFC 2606) that still passes email validation; OWNER_EMAIL sets a real one.
  const email = env.OWNER_EMAIL ?? 'owner@example.invalid';
  const owner = await app.services.accounts.createUser({ email, name: 'Owner', role: 'owner' }, { now: app.clock(), actor: null });
  if (!owner.ok) {
    out.error(
      `Could not create the owner account (${owner.message}). Set OWNER_EMAIL to a valid address, or run: ` +
        `npx masthead user add --email you@example.org --role owner`,
    );
    return null;
  }
  const link = app.services.urls.absolute(`/admin/login/link/${await app.services.accounts.issueLoginToken(owner.user.id, app.clock())}`);
  out.log(`No staff accounts yet. Log in as the owner (${owner.user.email}) within 24 hours:\n  ${link}`);
  return link;
}

async function runMigrate(env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const config = loadConfig(env);
  const db = openDatabase(config.database);
  try {
    const applied = await migrate(db.db, db.dialect);
    out.log(applied.length ? applied.map((m) => `applied ${String(m.version).padStart(4, '0')}_${m.name}`).join('\n') : 'Database is up to date.');
    return 0;
  } finally {
    await db.close();
  }
}

async function runImport(args: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  if (args[0] === 'wordpress' || args[0] === 'ghost') {
    const kind = args[0];
    return withApp(env, async (app) =>
      runPlatformImportCli(kind, args.slice(1), app.services, app.clock(), out, (await app.services.site.getSettings()).language),
    );
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { publish: { type: 'boolean' }, update: { type: 'boolean' } } });
  if (positionals.length === 0) {
    out.error('import needs at least one file or directory.\n\nUsage: masthead import <file-or-dir>... [--publish] [--update]');
    return 2;
  }
  return withApp(env, async (app) => {
    const settings = await app.services.site.getSettings();
    const result = await app.services.importer.importPaths(positionals, {
      publish: values.publish ?? false,
      update: values.update ?? false,
      now: app.clock(),
      defaultLanguage: settings.language,
    });
    if (!result.ok) {
      out.error(`Nothing was imported. ${result.problems.length} problem(s):`);
      for (const p of result.problems) out.error(`  ${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.message}`);
      return 1;
    }
    for (const a of result.articles) out.log(`${a.created ? 'imported' : 'updated '} ${a.slug}  (${a.file})`);
    out.log(`${result.articles.length} article(s) ${values.publish ? 'published' : 'saved as drafts'}.`);
    return 0;
  });
}

async function runArticles(args: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') {
    out.error('Usage: masthead articles list [--json]');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
  return withApp(env, async (app) => {
    const rows = (await app.services.articles.listAllArticles()).map((a) => ({
      slug: a.slug,
      headline: a.headline,
      status: a.status,
      url: app.services.urls.absolute(app.services.urls.article(a.slug)),
      published_at: a.publishedAt,
    }));
    if (values.json) out.log(JSON.stringify(rows, null, 2));
    else {
      for (const r of rows) out.log([r.slug, r.status, r.published_at ?? '-', r.headline].join('\t'));
      out.log(`${rows.length} article(s)`);
    }
    return 0;
  });
}

async function runUser(args: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  const usage = 'Usage: masthead user add --email E --role owner|admin|editor|writer|contributor [--name N]';
  if (sub !== 'add') {
    out.error(usage);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.role) {
    out.error(`user add needs --email and --role.\n${usage}`);
    return 2;
  }
  return withApp(env, async (app) => {
    const created = await app.services.accounts.createUser(
      { email: values.email!, role: values.role as Role, ...(values.name ? { name: values.name } : {}) },
      { now: app.clock(), actor: null },
    );
    if (!created.ok) {
      out.error(`Could not add the user: ${created.message}`);
      return 1;
    }
    const token = await app.services.accounts.issueLoginToken(created.user.id, app.clock());
    out.log(`Added ${created.user.email} (${created.user.role}). One-time login link, valid for 24 hours:`);
    out.log(app.services.urls.absolute(`/admin/login/link/${token}`));
    return 0;
  });
}

async function runCorrections(args: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  const usage = 'Usage: masthead corrections list [--status new|accepted|rejected|duplicate] [--json]';
  if (sub !== 'list') {
    out.error(usage);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { status: { type: 'string' }, json: { type: 'boolean' } } });
  const statuses = ['new', 'accepted', 'rejected', 'duplicate'] as const;
  if (values.status && !(statuses as readonly string[]).includes(values.status)) {
    out.error(`--status must be one of ${statuses.join(', ')}.\n${usage}`);
    return 2;
  }
  return withApp(env, async (app) => {
    const reports = await app.services.corrections.listReportsForCli((values.status as (typeof statuses)[number] | undefined) ?? null);
    const rows = await Promise.all(
      reports.map(async (r) => {
        const article = await app.services.articles.findArticleById(r.articleId);
        return {
          id: r.id,
          status: r.status,
          count: r.count,
          article: article?.slug ?? null,
          quote: r.quote.exact,
          suggestion: r.suggestion,
          received_at: r.createdAt,
        };
      }),
    );
    if (values.json) out.log(JSON.stringify(rows, null, 2));
    else {
      for (const r of rows)
        out.log([r.id, r.status, `x${r.count}`, r.article, JSON.stringify(r.quote.slice(0, 60)), JSON.stringify(r.suggestion.slice(0, 80))].join('\t'));
      out.log(`${rows.length} report(s)`);
    }
    return 0;
  });
}
