import { slugify } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { MediaService } from '../media/media-service.js';
import type { PageService } from '../pages/page-service.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { emailSchema } from '../accounts/account-service.js';
import { normalizeEmail } from '../accounts/user.js';
import type { AuditService } from '../audit/audit-service.js';
import { ImportReport } from './import-report.js';
import type { ImportStores } from './import-writes.js';
import { WordPressBatchWriter, type BatchContext, type WordPressBatchOptions } from './wordpress-batch.js';
import { preparedItem, readWordPressSite, type Prepared } from './wordpress-reading.js';
import { readWxr } from './wxr-reader.js';

export interface WordPressImportOptions extends WordPressBatchOptions {
  file: string;
  /** Each author with an email becomes a staff account too (contributor, no password: see CONTEXT.md). */
  staffAccounts?: boolean;
  /** Items per transaction. */
  batchSize?: number;
  onProgress?: (p: { done: number; total: number }) => void;
  /** Called after each batch commits (tests stop a run here to check that a second run resumes). */
  afterBatch?: (committed: number) => void;
}

/** What the WordPress importer is built from (core.ts). */
export interface WordPressImporterDeps {
  uow: UnitOfWork<ImportStores>;
  articles: ArticleService;
  pages: PageService;
  media: MediaService;
  mediaUrl: (hash: string, width: number) => string;
  audit: AuditService;
  /**
   * Called once after a run that brought articles in. Related lists are not computed per story during
   * the import (each is a ranked query over the whole archive): this queues one background pass.
   */
  relatedAfterImport: (now: Date) => Promise<void>;
}

/**
 * `masthead import wordpress FILE.xml`: reads the export twice, streaming. The first pass checks the
 * whole file (well-formed XML, the WordPress namespace, UTF-8) and collects the small things (authors,
 * categories, attachments), so a broken file changes nothing. The second pass writes posts and pages
 * in batches, one transaction each, recording every item's GUID: a second run skips what is in, and
 * a run that stopped carries on after its last committed batch.
 */
export class WordPressImporter {
  private readonly batches: WordPressBatchWriter;

  constructor(private readonly deps: WordPressImporterDeps) {
    this.batches = new WordPressBatchWriter(deps);
  }

  async run(opts: WordPressImportOptions): Promise<ImportReport> {
    const report = new ImportReport(opts.dryRun);
    const site = await readWordPressSite(opts.file);
    const ctx: BatchContext = { opts, report, site, knownIds: new Map(), slugsSeen: new Set(), pathsSeen: new Set() };
    if (opts.staffAccounts) await this.createStaffAccounts(ctx);
    let pending: Prepared[] = [];
    let done = 0;
    let committed = 0;
    const batchSize = opts.batchSize ?? 500;
    const flush = async () => {
      if (!pending.length) return;
      const batch = pending.slice(0, batchSize);
      pending = pending.slice(batchSize);
      await this.batches.writeBatch(batch, ctx);
      done += batch.length;
      committed++;
      opts.onProgress?.({ done, total: site.total });
      opts.afterBatch?.(committed);
    };
    await readWxr(
      opts.file,
      {
        item: (it) => {
          const p = preparedItem(it, report);
          if (p === 'skipped') done++;
          else if (p) pending.push(p);
        },
      },
      {
        onChunk: async () => {
          while (pending.length >= batchSize) await flush();
        },
      },
    );
    while (pending.length) await flush();
    if (!opts.dryRun && report.imported.articles > 0) {
      await this.deps.relatedAfterImport(opts.now);
      report.relatedQueued = true;
    }
    return report;
  }

  /**
   * `--staff-accounts`: each author with a usable email becomes a contributor (may write drafts, may
   * not publish until an admin promotes them) with no password, linked to their byline. They sign in
   * by a one-time link (the CLI prints one per new account). One transaction; a re-run skips them.
   */
  private async createStaffAccounts(c: BatchContext): Promise<void> {
    const { uow, audit } = this.deps;
    const now = c.opts.now.toISOString();
    const done = await uow.stores.imports.findImported(
      'wordpress',
      [...c.site.authors.keys()].map((login) => `author:${login}`),
    );
    const wanted: { login: string; name: string; email: string }[] = [];
    for (const [login, a] of c.site.authors) {
      if (done.has(`author:${login}`)) continue;
      const email = emailSchema.safeParse(normalizeEmail(a.email));
      if (!email.success) {
        c.report.note(`author "${a.name}" (${login}) [email]: no usable email address ("${a.email}"); byline only, no staff account`);
        continue;
      }
      wanted.push({ login, name: a.name.slice(0, 200), email: email.data });
    }
    if (c.opts.dryRun) {
      c.report.imported.staff += wanted.length;
      return;
    }
    const created = await uow.transaction(async (stores) => {
      const out: { userId: number; email: string; name: string; authorId: number; slug: string }[] = [];
      for (const a of wanted) {
        const existing = await stores.accounts.findUserByEmail(a.email);
        if (existing) {
          c.report.note(`author "${a.name}" (${a.login}): ${a.email} is already a staff account (${existing.role}); left as it is`);
          continue;
        }
        const user = await stores.accounts.insertUser({ email: a.email, name: a.name, role: 'contributor', createdAt: now });
        const slug = slugify(a.name);
        const authorId = await stores.articles.ensureAuthor(slug, { name: a.name });
        await stores.accounts.linkAuthor(user.id, authorId);
        await stores.imports.recordImported('wordpress', `author:${a.login}`, 'user', user.id, now);
        out.push({ userId: user.id, email: a.email, name: a.name, authorId, slug });
      }
      return out;
    });
    for (const u of created) {
      c.knownIds.set(`author:${u.slug}`, u.authorId);
      c.report.staffAccounts.push({ userId: u.userId, email: u.email, name: u.name });
      await audit.record({ at: c.opts.now, actor: null, action: 'user.create', subject: u.email, detail: 'role contributor, imported from WordPress' });
    }
    c.report.imported.staff += created.length;
  }
}
