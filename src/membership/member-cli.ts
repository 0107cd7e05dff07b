import { parseArgs } from 'node:util';
import type { MemberService } from './member-service.js';
import type { PatronService } from './patron-service.js';

export const MEMBERS_USAGE = `Usage:
  masthead members add --email E [--tier T] [--until YYYY-MM-DD] [--note TEXT]
                        create a reader account; with --tier (a name or id), also make them a patron
                        by hand (bank transfer, gift) until the end of --until, or with no end date,
                        and mail them that it is set up
  masthead members list [--patrons] [--json]
                        list members: id, email, patron or not, joined`;

type Out = { log: (s: string) => void; error: (s: string) => void };

class UsageError extends Error {}

/**
 * `masthead members …`: reader accounts and hand-made patronage from the command line.
 * Returns the exit code: 0 done, 1 refused (bad values), 2 usage.
 */
export async function runMembersCli(args: string[], services: { members: MemberService; patrons: PatronService }, now: Date, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'add':
        return await add(rest, services, now, out);
      case 'list':
        return await list(rest, services.patrons, now, out);
      default:
        out.error(sub ? `Unknown members command "${sub}".\n\n${MEMBERS_USAGE}` : MEMBERS_USAGE);
        return 2;
    }
  } catch (err) {
    const parseError = err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      out.error(`${(err as Error).message}\n\n${MEMBERS_USAGE}`);
      return 2;
    }
    throw err;
  }
}

async function add(args: string[], services: { members: MemberService; patrons: PatronService }, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, tier: { type: 'string' }, until: { type: 'string' }, note: { type: 'string' } } });
  if (!values.email) throw new UsageError('members add needs --email.');
  if (values.until && !values.tier) throw new UsageError('--until sets when a patronage ends: give --tier too.');
  if (!values.tier) {
    const existing = await services.members.findMemberByEmail(values.email);
    try {
      const member = await services.members.ensureMember(values.email, now);
      out.log(
        existing
          ? `${member.email} already has an account (#${member.id}).`
          : `Created reader account #${member.id} for ${member.email}. They sign in at /account/sign-in with this address.`,
      );
      return 0;
    } catch {
      out.error(`Nothing was added: email "${values.email}" is not an email address.`);
      return 1;
    }
  }
  const tiers = await services.patrons.listTiers({ includeArchived: true });
  const wanted = values.tier.trim().toLowerCase();
  const tier = tiers.find((t) => String(t.id) === wanted || t.name.toLowerCase() === wanted);
  if (!tier) {
    out.error(
      `Nothing was added: there is no tier "${values.tier}". ` +
        `Tiers: ${tiers.map((t) => `${t.id} ${t.name}`).join(', ') || 'none yet (add one at /admin/tiers)'}.`,
    );
    return 1;
  }
  const result = await services.patrons.grantPatronage(
    { email: values.email, tierId: tier.id, until: values.until ?? null, note: values.note ?? '' },
    { now, actor: null },
  );
  if (!result.ok) {
    out.error(`Nothing was added: ${result.message}.`);
    return 1;
  }
  out.log(`${result.member.email} (#${result.member.id}) is a ${tier.name} patron ${values.until ? `until the end of ${values.until}` : 'with no end date'}.`);
  return 0;
}

async function list(args: string[], patrons: PatronService, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { patrons: { type: 'boolean' }, json: { type: 'boolean' } } });
  const rows: { id: number; email: string; patron: boolean; joined: string }[] = [];
  for (let page = 1; ; page++) {
    const batch = await patrons.listMembers({ now, query: '', page, perPage: 500 });
    rows.push(...batch.slice(0, 500).map(({ member, patron }) => ({ id: member.id, email: member.email, patron, joined: member.createdAt })));
    if (batch.length <= 500) break;
  }
  const shown = values.patrons ? rows.filter((r) => r.patron) : rows;
  if (values.json) {
    out.log(JSON.stringify(shown, null, 2));
    return 0;
  }
  for (const r of shown) out.log([r.id, r.email, r.patron ? 'patron' : 'reader', r.joined.slice(0, 10)].join('\t'));
  out.log(`${shown.length} member(s)`);
  return 0;
}
