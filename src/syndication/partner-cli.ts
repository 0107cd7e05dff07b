import { parseArgs } from 'node:util';
import { describeScope, grantState, type GrantScope } from './partner.js';
import type { PartnerService } from './partner-service.js';

export const PARTNERS_USAGE = `Usage:
  masthead partners add --name N [--scope all | --scope section:S | --scope article:SLUG ...] [--full-text] [--expires YYYY-MM-DD] [--notes T]
                        grant reprint permission and print the partner's key (shown once)
  masthead partners list [--json]
                        list grants: id, partner, scope, full text, end, state, key prefix, fetches, views
  masthead partners revoke ID
                        end a grant now: its key stops working`;

type Out = { log: (s: string) => void; error: (s: string) => void };

class UsageError extends Error {}

/** `--scope` values to one scope: `all`, one `section:S`, or any number of `article:SLUG`. */
function parseScopes(values: string[]): GrantScope {
  if (values.length === 0) return { kind: 'all' };
  const slugs: string[] = [];
  let section: string | null = null;
  let all = false;
  for (const v of values) {
    if (v === 'all') all = true;
    else if (v.startsWith('section:') && v.length > 8) {
      if (section !== null) throw new UsageError('Give at most one --scope section:S.');
      section = v.slice(8);
    } else if (v.startsWith('article:') && v.length > 8) slugs.push(v.slice(8));
    else throw new UsageError(`--scope "${v}" is not all, section:SLUG or article:SLUG.`);
  }
  if ([all, section !== null, slugs.length > 0].filter(Boolean).length > 1)
    throw new UsageError('--scope all, section:S and article:SLUG do not mix: choose one kind.');
  if (section !== null) return { kind: 'section', section };
  if (slugs.length) return { kind: 'articles', slugs };
  return { kind: 'all' };
}

/**
 * `masthead partners …`: grant, list and revoke reprint permissions from the command line.
 * Returns the exit code: 0 done, 1 refused (bad values, unknown grant), 2 usage.
 */
export async function runPartnersCli(args: string[], services: { partners: PartnerService }, now: Date, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'add':
        return await add(rest, services.partners, now, out);
      case 'list':
        return await list(rest, services.partners, now, out);
      case 'revoke':
        return await revoke(rest, services.partners, now, out);
      default:
        out.error(sub ? `Unknown partners command "${sub}".\n\n${PARTNERS_USAGE}` : PARTNERS_USAGE);
        return 2;
    }
  } catch (err) {
    const parseError = err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      out.error(`${(err as Error).message}\n\n${PARTNERS_USAGE}`);
      return 2;
    }
    throw err;
  }
}

async function add(args: string[], partners: PartnerService, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      'full-text': { type: 'boolean' },
      expires: { type: 'string' },
      notes: { type: 'string' },
    },
  });
  if (!values.name) throw new UsageError('partners add needs --name.');
  const scope = parseScopes(values.scope ?? []);
  const fullText = values['full-text'] ?? false;
  const result = await partners.grant({ partnerName: values.name, scope, fullText, expiresAt: values.expires ?? null, notes: values.notes ?? '' }, null, now);
  if (!result.ok) {
    out.error(`Nothing was granted: ${result.field}: ${result.message}`);
    return 1;
  }
  out.log(
    `Granted #${result.grantId} to ${values.name.trim()}: ${describeScope(scope)}` +
      `${fullText ? ', full text' : ''}${values.expires ? `, until the end of ${values.expires}` : ''}.`,
  );
  out.log('The partner key, shown only this once (we keep only its fingerprint). Send it privately:');
  out.log(result.key);
  return 0;
}

async function list(args: string[], partners: PartnerService, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const rows = (await partners.listGrants()).map((g) => ({
    id: g.id,
    partner: g.partnerName,
    scope: g.scope,
    full_text: g.fullText,
    expires_at: g.expiresAt,
    state: grantState(g, now),
    revoked_at: g.revokedAt,
    key_prefixes: g.keyPrefixes,
    fetches: g.fullTextFetches,
    views: g.views,
  }));
  if (values.json) {
    out.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  for (const r of rows) {
    out.log(
      [
        r.id,
        r.state,
        r.partner,
        describeScope(r.scope),
        r.full_text ? 'full-text' : 'no-full-text',
        r.expires_at?.slice(0, 10) ?? 'no-end',
        r.key_prefixes.map((p) => `${p}…`).join(',') || '-',
        `${r.fetches} fetches`,
        `${r.views} views`,
      ].join('\t'),
    );
  }
  out.log(`${rows.length} grant(s)`);
  return 0;
}

async function revoke(args: string[], partners: PartnerService, now: Date, out: Out): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [id, ...extra] = positionals;
  if (!id || extra.length || !/^[1-9]\d{0,14}$/.test(id)) throw new UsageError('partners revoke needs one grant id (a number; see partners list).');
  const result = await partners.revoke(Number(id), null, now);
  if (!result.ok) {
    out.error(result.message);
    return 1;
  }
  out.log(`Revoked grant #${id}: its key no longer works.`);
  return 0;
}
