import { parseArgs } from 'node:util';
import type { FunderService } from './funder-service.js';

export const FUNDERS_USAGE = `Usage:
  masthead funders add --name N [--url U] [--line TEXT] [--position N]
                        credit a funder in every page's footer and on /support; prints its id
                        (--line is the credit sentence, with {funder} and optionally {outlet})
  masthead funders list [--json]`;

type Out = { log: (s: string) => void; error: (s: string) => void };

class UsageError extends Error {}

/** `masthead funders …`. Returns the exit code: 0 done, 1 refused (bad values), 2 usage. */
export async function runFundersCli(args: string[], services: { funders: FunderService }, now: Date, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'add') return await add(rest, services.funders, now, out);
    if (sub === 'list') return await list(rest, services.funders, out);
    out.error(sub ? `Unknown funders command "${sub}".\n\n${FUNDERS_USAGE}` : FUNDERS_USAGE);
    return 2;
  } catch (err) {
    const parseError = err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      out.error(`${(err as Error).message}\n\n${FUNDERS_USAGE}`);
      return 2;
    }
    throw err;
  }
}

async function add(args: string[], funders: FunderService, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { name: { type: 'string' }, url: { type: 'string' }, line: { type: 'string' }, position: { type: 'string' } },
  });
  if (values.name === undefined) throw new UsageError('funders add needs --name.');
  const result = await funders.addFunder(
    { name: values.name, url: values.url ?? '', line: values.line ?? '', position: values.position ?? '0' },
    {},
    { now, actor: null },
  );
  if (!result.ok) {
    out.error(
      `Could not add the funder: ${Object.entries(result.fields)
        .map(([field, message]) => `--${field} ${message}`)
        .join('; ')}`,
    );
    return 1;
  }
  out.log(String(result.funder.id));
  return 0;
}

async function list(args: string[], funders: FunderService, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const rows = (await funders.listFunders()).map((f) => ({ id: f.id, name: f.name, url: f.url, line: f.line, position: f.position, logo: f.logo !== null }));
  if (values.json) out.log(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows) out.log([r.id, r.position, r.name, r.url || '-', r.line || '(default line)'].join('\t'));
    out.log(`${rows.length} funder(s)`);
  }
  return 0;
}
