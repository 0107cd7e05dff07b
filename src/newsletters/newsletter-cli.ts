import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Newsletter } from './newsletter.js';
import type { DeliverResult, NewsletterSender } from './newsletter-sender.js';
import type { NewsletterService } from './newsletter-service.js';

export const SUBSCRIBERS_USAGE = `Usage:
  masthead subscribers import FILE.csv --newsletter N [--confirmed]
                        add addresses (columns: email, name, subscribed_at), all or nothing; without
                        --confirmed each must confirm by mail first
  masthead subscribers export [--newsletter N]
                        CSV of subscribers on standard output`;

export const NEWSLETTER_USAGE = `Usage:
  masthead newsletter send --newsletter N (--article SLUG | --digest SLUG,SLUG...) [--subject S] [--intro TEXT] [--at ISO-TIME]
                        send a story or a digest now (delivered here, with progress) or schedule it (--at: the queue sends it)
  masthead newsletter resume --issue ID
                        finish an interrupted send here: only deliveries not yet made go out`;

type Out = { log: (s: string) => void; error: (s: string) => void };
type Deps = { newsletters: NewsletterService; newsletterSender: NewsletterSender };

class UsageError extends Error {}

async function newsletterOf(services: Deps, ref: string | undefined): Promise<Newsletter> {
  if (!ref) throw new UsageError('--newsletter is required (its id or slug).');
  const n = /^\d+$/.test(ref) ? await services.newsletters.findNewsletterById(Number(ref)) : await services.newsletters.findNewsletterBySlug(ref);
  if (!n)
    throw new UsageError(
      `There is no newsletter "${ref}". ` +
        `Newsletters: ${(await services.newsletters.listNewsletters()).map((x) => `${x.id} (${x.slug})`).join(', ') || 'none yet'}.`,
    );
  return n;
}

function guard(usage: string, out: Out, run: () => Promise<number>): Promise<number> {
  return run().catch((err: unknown) => {
    const parseError = err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      out.error(`${(err as Error).message}\n\n${usage}`);
      return 2;
    }
    throw err;
  });
}

/** `masthead subscribers …`: 0 done, 1 refused (a report per bad row), 2 usage. */
export function runSubscribersCli(args: string[], services: Deps, now: Date, out: Out & { write?: (s: string) => void }): Promise<number> {
  return guard(SUBSCRIBERS_USAGE, out, async () => {
    const [sub, ...rest] = args;
    if (sub === 'import') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { newsletter: { type: 'string' }, confirmed: { type: 'boolean' } },
      });
      if (positionals.length !== 1) throw new UsageError('subscribers import takes one CSV file.');
      const n = await newsletterOf(services, values.newsletter);
      let text: string;
      try {
        text = fs.readFileSync(positionals[0]!, 'utf8');
      } catch (err) {
        out.error(`Cannot read ${positionals[0]}: ${(err as Error).message}`);
        return 1;
      }
      const report = await services.newsletters.importCsv(text, { newsletterId: n.id, confirmed: values.confirmed ?? false, now });
      if (!report.ok) {
        out.error(`Nothing was imported. ${report.problems.length} problem(s):`);
        for (const p of report.problems) out.error(`  ${p.line ? `line ${p.line}: ` : ''}${p.message}`);
        return 1;
      }
      out.log(
        `${report.added} address(es) added to ${n.name} ` +
          `as ${values.confirmed ? 'confirmed' : 'waiting to confirm (no mail goes to them until they do; send them a signup link)'}; ${report.alreadyThere} ` +
          `already on the list.`,
      );
      return 0;
    }
    if (sub === 'export') {
      const { values } = parseArgs({ args: rest, options: { newsletter: { type: 'string' } } });
      const n = values.newsletter ? await newsletterOf(services, values.newsletter) : null;
      const write = out.write ?? ((s: string) => out.log(s.replace(/\n$/, '')));
      await services.newsletters.exportCsv(n?.id ?? null, write);
      return 0;
    }
    throw new UsageError(sub ? `Unknown subscribers command "${sub}".` : 'Which subscribers command?');
  });
}

/** `masthead newsletter …`. */
export function runNewsletterCli(args: string[], services: Deps, clock: () => Date, out: Out): Promise<number> {
  return guard(NEWSLETTER_USAGE, out, async () => {
    const [sub, ...rest] = args;
    if (sub === 'send') {
      const { values } = parseArgs({
        args: rest,
        options: {
          newsletter: { type: 'string' },
          article: { type: 'string' },
          digest: { type: 'string' },
          subject: { type: 'string' },
          intro: { type: 'string' },
          at: { type: 'string' },
        },
      });
      const n = await newsletterOf(services, values.newsletter);
      if (Boolean(values.article) === Boolean(values.digest)) throw new UsageError('Give either --article SLUG or --digest SLUG,SLUG.');
      const slugs = values.article ? [values.article] : values.digest!.split(',');
      const at = values.at ? new Date(values.at) : null;
      if (at && Number.isNaN(at.getTime())) throw new UsageError('--at must be a time such as 2026-12-01T07:00:00Z.');
      const created = await services.newsletters.createIssue(
        {
          newsletterId: n.id,
          articleSlugs: slugs,
          ...(values.subject ? { subject: values.subject } : {}),
          ...(values.intro ? { intro: values.intro } : {}),
          sendAt: at,
          createdBy: 'cli',
        },
        clock(),
      );
      if (!created.ok) {
        out.error(`Not sent: ${created.message}`);
        return 1;
      }
      out.log(`Issue ${created.issue.id} (${n.name} #${created.issue.number}): "${created.issue.subject}".`);
      if (at && at > clock()) {
        out.log(`Scheduled for ${at.toISOString()}; the job worker (masthead serve or masthead worker) sends it.`);
        return 0;
      }
      return deliverHere(services, created.issue.id, out);
    }
    if (sub === 'resume') {
      const { values } = parseArgs({ args: rest, options: { issue: { type: 'string' } } });
      if (!values.issue || !/^\d+$/.test(values.issue)) throw new UsageError('--issue ID is required.');
      return deliverHere(services, Number(values.issue), out);
    }
    throw new UsageError(sub ? `Unknown newsletter command "${sub}".` : 'Which newsletter command?');
  });
}

/** Delivers an issue in this process until it is done, waiting out retries and another sender's lease. */
async function deliverHere(services: Deps, issueId: number, out: Out): Promise<number> {
  for (;;) {
    const r: DeliverResult = await services.newsletterSender.runIssue(issueId);
    const c = await services.newsletters.countDeliveries(issueId);
    const line = `sent ${c.sent}, waiting ${c.queued + c.sending}, failed ${c.failed}, bounced ${c.bounced}`;
    if (r.state === 'done') {
      out.log(`Done: ${line}.`);
      return 0;
    }
    if (r.state === 'not-sending') {
      out.error(`Issue ${issueId} is not being sent (unknown, cancelled or already finished). ${line}.`);
      return 1;
    }
    const waitMs = r.state === 'busy' ? 5000 : Math.max(1000, new Date(r.nextAttemptAt).getTime() - Date.now());
    out.log(
      r.state === 'busy'
        ? `Another process is sending issue ${issueId}; checking again in 5 s (${line}).`
        : `Some servers asked us to retry later; next attempt ${r.nextAttemptAt} (${line}).`,
    );
    await new Promise((res) => setTimeout(res, waitMs));
  }
}
