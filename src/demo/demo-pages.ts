import type { PageService } from '../pages/page-service.js';

/** The demo outlet's About and Contact pages, linked from the footer. Fictional, written for Masthead. */
const PAGES = [
  {
    path: '/about',
    title: 'About the Dispatch',
    footerPosition: 1,
    body: `The Riverbend Dispatch is a small, independent newsroom covering the city of Riverbend and the towns along the river.

We cover the council, the schools, the courts, local business and the life of the town. We do not cover celebrity news, and we do not chase clicks.

## Who pays for it

Our readers do. Patrons give a few euros a month, local foundations fund some of our reporting, and the few ads we run are sold by us and never track you. Every funder is named at the foot of every page.

## How we work

- We name our sources whenever we can, and say why when we cannot.
- We correct our mistakes in the open: every story shows its corrections, and the [corrections page](/corrections) lists them all.
- Patrons propose and vote on [topics](/topics) they want us to look into. The newsroom decides what to publish.`,
  },
  {
    path: '/contact',
    title: 'Contact us',
    footerPosition: 2,
    body: `## Tips and story ideas

If you know something we should look into, write to the newsroom at **news@riverbend-dispatch.example**. We read everything. If you need to stay anonymous, say so in your first message and we will talk about how to protect you.

## Corrections

Found a mistake in a story? Select the sentence on the story page and use "Report an error", or write to the address above. We reply to every report.

## Patrons and accounts

Questions about your patronage or your reader account: **support@riverbend-dispatch.example**.

## Post

The Riverbend Dispatch, 14 Mill Lane, Riverbend.`,
  },
];

/** Adds the demo pages unless a page already lives at their address. Returns how many it added. */
export async function loadDemoPages(pages: PageService, now: Date): Promise<number> {
  let added = 0;
  for (const p of PAGES) {
    if (await pages.findPageAt(p.path)) continue;
    const saved = await pages.savePage(
      null,
      { path: p.path, title: p.title, body: p.body, inFooter: true, footerPosition: p.footerPosition },
      { now, actor: null },
    );
    if (saved.ok) added++;
  }
  return added;
}
