/** What an import did and everything it could not carry, for the person who ran it. */
export class ImportReport {
  readonly imported = { articles: 0, pages: 0, images: 0, redirects: 0, members: 0, patrons: 0, staff: 0 };
  /** Public or scheduled on the old site, brought in as drafts because their text did not convert cleanly. */
  heldForReview = 0;
  /** Staff accounts this run created (`--staff-accounts`), for the CLI to print a sign-in link each. */
  readonly staffAccounts: { userId: number; email: string; name: string }[] = [];
  /** The background pass computing related stories was queued (see WordPressImporterDeps). */
  relatedQueued = false;
  /** Items a previous run already brought in (matched by their source id). */
  alreadyImported = 0;
  comments = 0;
  customFields = 0;
  privatePosts = 0;
  missingImages = 0;
  readonly skippedTypes = new Map<string, number>();
  readonly unknownShortcodes = new Map<string, number>();
  /** One line per item that needed a decision, capped so a huge archive keeps memory flat. */
  readonly lines: string[] = [];
  linesLeftOut = 0;

  constructor(readonly dryRun: boolean) {}

  note(line: string): void {
    if (this.lines.length < 2000) this.lines.push(line);
    else this.linesLeftOut++;
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /** The closing summary, line by line. */
  summary(): string[] {
    const verb = this.dryRun ? 'would import' : 'imported';
    const i = this.imported;
    const out = [
      `${this.dryRun ? 'Dry run, nothing was written. ' : ''}${verb}: ${i.articles} articles, ${i.pages} ` +
        `pages, ${i.images} images, ${i.redirects} ` +
        `redirects${i.members ? `, ${i.members} members (${i.patrons} patrons)` : ''}.`,
    ];
    if (i.staff)
      out.push(
        `${this.dryRun ? 'would create' : 'created'} ${i.staff} staff accounts (contributors: ` +
          `they write drafts and cannot publish until an admin promotes them; no password, they sign in by link)`,
      );
    if (this.heldForReview)
      out.push(`public on the old site, held as drafts to look at: ${this.heldForReview} (listed below; --publish-as-imported keeps them public)`);
    if (this.alreadyImported) out.push(`already imported by an earlier run, skipped: ${this.alreadyImported}`);
    if (this.comments) out.push(`comments not imported: ${this.comments}`);
    if (this.customFields) out.push(`custom fields not imported: ${this.customFields}`);
    if (this.privatePosts) out.push(`private posts imported as drafts: ${this.privatePosts}`);
    if (this.missingImages) out.push(`images not found in the media folder: ${this.missingImages}`);
    for (const [type, n] of this.skippedTypes) out.push(`skipped items of type "${type}": ${n}`);
    if (this.unknownShortcodes.size) {
      out.push(`shortcodes kept as text: ${[...this.unknownShortcodes].map(([name, n]) => `[${name}] ×${n}`).join(', ')}`);
    }
    if (this.relatedQueued)
      out.push(
        'related stories: computed in the background after the import (job search.related-backfill, in /admin/jobs); `masthead search reindex --related` does it at once',
      );
    for (const l of this.lines) out.push(`  ${l}`);
    if (this.linesLeftOut) out.push(`  … and ${this.linesLeftOut} more lines like these`);
    return out;
  }
}

/** An import stopped: the item (title and source id), the field, and why. Earlier batches stay committed. */
export class ImportFailure extends Error {
  constructor(
    readonly item: { title: string; guid: string } | null,
    readonly field: string | null,
    message: string,
  ) {
    super(`${item ? `"${item.title}" (${item.guid})` : 'import'}${field ? ` [${field}]` : ''}: ${message}`);
  }
}

/** `&#8217;`, `&amp;` and friends in WordPress titles and excerpts, as text. */
export function decodeEntities(s: string): string {
  const named: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    hellip: '…',
    mdash: '—',
    ndash: '–',
    rsquo: '’',
    lsquo: '‘',
    rdquo: '”',
    ldquo: '“',
  };
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return named[e.toLowerCase()] ?? m;
  });
}

/** Plain text of a bit of HTML (excerpts become standfirsts). */
export function stripTags(html: string): string {
  // Block boundaries become spaces; inline tags (<em>) vanish without splitting the words around them.
  const text = html.replace(/<\/?(?:p|br|div|li|ul|ol|h[1-6]|blockquote|figure|figcaption|tr|td)\b[^>]*>/gi, ' ').replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}
