import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Services } from '../core.js';
import { ImportFailure, type ImportReport } from './import-report.js';
import { WxrError } from './wxr-reader.js';

type Out = { log: (s: string) => void; error: (s: string) => void };

export const IMPORT_USAGE = `Usage: masthead import wordpress FILE.xml [--media-dir DIR] [--dry-run] [--publish-as-imported] [--staff-accounts]
       masthead import ghost FILE.json [--media-dir DIR] [--dry-run]
  --publish-as-imported  keep every post's WordPress status; without it a public post whose text did not
                         convert cleanly (shortcodes left as text, no title) comes in as a draft to look at
  --staff-accounts       authors with an email become contributors (no password; a sign-in link each)`;

/** Progress on a terminal: one line redrawn (counts, rate, ETA); elsewhere a plain line per batch. */
export function progressPrinter(stream: NodeJS.WriteStream, started: number) {
  let last = 0;
  return ({ done, total }: { done: number; total: number }) => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / secs;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const line = `${done}/${total} items, ${rate.toFixed(0)}/s, about ${eta}s left`;
    if (stream.isTTY) {
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : width;
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${line}   ${done >= total ? '\n' : ''}`);
    } else if (done >= total || Date.now() - last > 2000) {
      last = Date.now();
      stream.write(`${line}\n`);
    }
  };
}

/** `masthead import wordpress|ghost …`: the report goes to stdout, problems to stderr. */
export async function runPlatformImportCli(
  kind: 'wordpress' | 'ghost',
  args: string[],
  services: Services,
  now: Date,
  out: Out,
  language: string,
): Promise<number> {
  const options: ParseArgsConfig['options'] = {
    'media-dir': { type: 'string' },
    'dry-run': { type: 'boolean' },
    ...(kind === 'wordpress' ? { 'publish-as-imported': { type: 'boolean' }, 'staff-accounts': { type: 'boolean' } } : {}),
  };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (err) {
    out.error(`${(err as Error).message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  if (positionals.length !== 1) {
    out.error(`import ${kind} needs exactly one file.\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const mediaDir = typeof values['media-dir'] === 'string' ? values['media-dir'] : null;
  const dryRun = values['dry-run'] === true;
  const started = Date.now();
  let report: ImportReport;
  try {
    if (kind === 'wordpress') {
      report = await services.wordpress.run({
        file: positionals[0]!,
        mediaDir,
        dryRun,
        publishAsImported: values['publish-as-imported'] === true,
        staffAccounts: values['staff-accounts'] === true,
        now,
        language,
        onProgress: progressPrinter(process.stderr, started),
      });
    } else {
      const { runGhostImport } = await import('./ghost-import.js');
      report = await runGhostImport(services, {
        file: positionals[0]!,
        mediaDir,
        dryRun,
        now,
        language,
      });
    }
  } catch (err) {
    if (err instanceof WxrError) {
      out.error(`Nothing was imported: ${positionals[0]} ${err.message}`);
      return 1;
    }
    if (err instanceof ImportFailure) {
      out.error(`The import stopped at ${err.message}`);
      out.error('Batches before it are in; run the same command again to carry on after the last one.');
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      out.error(`No such file: ${positionals[0]}`);
      return 1;
    }
    throw err;
  }
  for (const line of report.summary()) out.log(line);
  if (report.staffAccounts.length) out.log('One-time sign-in links for the new staff accounts, valid for 24 hours (send each to its person):');
  for (const u of report.staffAccounts) {
    out.log(`  ${u.name} <${u.email}>: ${services.urls.absolute(`/admin/login/link/${await services.accounts.issueLoginToken(u.userId, now)}`)}`);
  }
  out.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}
