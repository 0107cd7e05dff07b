import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { AdService } from './ad-service.js';

export const ADS_USAGE = `Usage:
  masthead ads add --name N --slot SLOT [--slot SLOT...] (--image FILE --alt TEXT | --html HTML) --link URL
                   [--advertiser A] [--section S] [--tag T] [--starts DATE] [--ends DATE] [--weight N] [--cap N]
                   create a campaign and print its id. Slots: article-inline, article-end, home, sidebar.
                   Dates are YYYY-MM-DD (UTC; --ends is the last day) or full ISO times. Weight 1-100 (default 1);
                   --cap is how many times a day one browser may see it (kept in that browser only)
  masthead ads list [--json]
                   campaigns: id, name, slots, dates, impressions, clicks, CTR
  masthead ads report [--json]
                   per campaign: impressions and clicks in total and by day`;

type Out = { log: (s: string) => void; error: (s: string) => void };

class UsageError extends Error {}

/** `masthead ads …`: campaigns and their counts from the command line. Exit codes: 0 done, 1 refused (bad values), 2 usage. */
export async function runAdsCli(args: string[], services: { ads: AdService }, now: Date, out: Out): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'add':
        return await add(rest, services.ads, now, out);
      case 'list':
        return await list(rest, services.ads, now, out);
      case 'report':
        return await report(rest, services.ads, out);
      default:
        out.error(sub ? `Unknown ads command "${sub}".\n\n${ADS_USAGE}` : ADS_USAGE);
        return 2;
    }
  } catch (err) {
    const parseError = err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      out.error(`${(err as Error).message}\n\n${ADS_USAGE}`);
      return 2;
    }
    throw err;
  }
}

async function add(args: string[], ads: AdService, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      slot: { type: 'string', multiple: true },
      image: { type: 'string' },
      html: { type: 'string' },
      alt: { type: 'string' },
      link: { type: 'string' },
      advertiser: { type: 'string' },
      section: { type: 'string' },
      tag: { type: 'string' },
      starts: { type: 'string' },
      ends: { type: 'string' },
      weight: { type: 'string' },
      cap: { type: 'string' },
    },
  });
  if (!values.name) throw new UsageError('ads add needs --name.');
  let image: Buffer | null = null;
  if (values.image) {
    try {
      image = await fs.readFile(values.image);
    } catch (err) {
      out.error(`Nothing was added: image "${values.image}" could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
      return 1;
    }
  }
  const result = await ads.createCampaign(
    {
      name: values.name,
      advertiser: values.advertiser ?? '',
      alt: values.alt ?? '',
      html: values.html ?? '',
      link: values.link ?? '',
      slots: values.slot ?? [],
      starts: values.starts ?? '',
      ends: values.ends ?? '',
      weight: values.weight ?? '',
      dailyCap: values.cap ?? '',
      section: values.section ?? '',
      tag: values.tag ?? '',
    },
    image,
    { now, actor: null },
  );
  if (!result.ok) {
    out.error(`Nothing was added: ${result.message}.`);
    return 1;
  }
  out.log(String(result.campaign.id));
  return 0;
}

async function list(args: string[], ads: AdService, now: Date, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const at = now.toISOString();
  const rows = (await ads.listCampaignSummaries()).map(({ campaign: c, impressions, clicks, ctr }) => ({
    id: c.id,
    name: c.name,
    advertiser: c.advertiser,
    slots: c.slots,
    starts_at: c.startsAt,
    ends_at: c.endsAt,
    weight: c.weight,
    daily_cap: c.dailyCap,
    section: c.sectionSlug,
    tag: c.tagSlug,
    link: c.link,
    state: c.startsAt > at ? 'scheduled' : c.endsAt !== null && c.endsAt <= at ? 'ended' : 'running',
    impressions,
    clicks,
    ctr_percent: ctr,
  }));
  if (values.json) out.log(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows)
      out.log(
        [r.id, r.state, r.slots.join(','), `${r.impressions} seen`, `${r.clicks} clicks`, r.ctr_percent === null ? '-' : `${r.ctr_percent}%`, r.name].join(
          '\t',
        ),
      );
    out.log(`${rows.length} campaign(s)`);
  }
  return 0;
}

async function report(args: string[], ads: AdService, out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const rows = await ads.report();
  if (values.json) {
    out.log(
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          name: r.name,
          advertiser: r.advertiser,
          impressions: r.impressions,
          clicks: r.clicks,
          ctr_percent: r.ctr,
          days: r.days.map((d) => ({ day: d.day, impressions: d.impressions, clicks: d.clicks })),
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const r of rows) {
    out.log(`#${r.id} ${r.name}: ${r.impressions} seen, ${r.clicks} clicks${r.ctr === null ? '' : ` (${r.ctr}%)`}`);
    for (const d of r.days) out.log(`  ${d.day}\t${d.impressions} seen\t${d.clicks} clicks`);
  }
  out.log(`${rows.length} campaign(s)`);
  return 0;
}
