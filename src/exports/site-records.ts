/**
 * What a site export carries besides the articles, table by table, in the order an import writes them.
 * Every column is listed: an export file can name no other, so a file never reaches a column by accident.
 */

/** Where a column points: another exported table (its id is remapped), a story (by slug), an image (by hash), or a staff account (not exported: cleared). */
export type RecordRef = { table: string } | 'article' | 'media' | 'staff';

export interface RecordTable {
  table: string;
  /** The table has its own `id`: the export keeps the old one so other rows can point at it; the import maps it. */
  hasId: boolean;
  columns: readonly string[];
  refs?: Readonly<Record<string, RecordRef>>;
  /**
   * `upsert`: rows the article import may already have made (sections, authors, tags from front matter)
   * or the empty site starts with (settings); matched on this column and brought up to date.
   */
  upsertOn?: string;
  /** A column pointing at its own table (a merged topic): filled in once every row exists. */
  selfRef?: string;
}

const tbl = (table: string): RecordRef => ({ table });

export const RECORD_TABLES: readonly RecordTable[] = [
  { table: 'settings', hasId: false, columns: ['key', 'value'], upsertOn: 'key' },
  { table: 'sections', hasId: false, columns: ['slug', 'name', 'description', 'position'], upsertOn: 'slug' },
  { table: 'authors', hasId: false, columns: ['slug', 'name', 'bio', 'is_guest'], upsertOn: 'slug' },
  { table: 'tags', hasId: false, columns: ['slug', 'name'], upsertOn: 'slug' },
  { table: 'members', hasId: true, columns: ['email', 'name', 'created_at', 'stripe_customer_id'] },
  {
    table: 'tiers',
    hasId: true,
    columns: ['name', 'description', 'monthly_price', 'yearly_price', 'currency', 'vote_weight', 'position', 'archived_at', 'created_at', 'translations'],
  },
  {
    table: 'patronages',
    hasId: true,
    columns: [
      'member_id',
      'tier_id',
      'source',
      'status',
      'expires_at',
      'stripe_subscription_id',
      'stripe_state_at',
      'note',
      'granted_by',
      'created_at',
      'updated_at',
    ],
    refs: { member_id: tbl('members'), tier_id: tbl('tiers') },
  },
  {
    table: 'imported_members',
    hasId: false,
    columns: ['member_id', 'source', 'newsletter_opt_in', 'newsletters', 'imported_at'],
    refs: { member_id: tbl('members') },
  },
  {
    table: 'topics',
    hasId: true,
    columns: ['title', 'description', 'status', 'status_reason', 'proposed_by', 'merged_into_id', 'created_at', 'updated_at'],
    refs: { proposed_by: tbl('members') },
    selfRef: 'merged_into_id',
  },
  {
    table: 'topic_votes',
    hasId: false,
    columns: ['topic_id', 'member_id', 'tier_id', 'created_at'],
    refs: { topic_id: tbl('topics'), member_id: tbl('members'), tier_id: tbl('tiers') },
  },
  { table: 'topic_articles', hasId: false, columns: ['topic_id', 'article_id'], refs: { topic_id: tbl('topics'), article_id: 'article' } },
  {
    table: 'correction_reports',
    hasId: true,
    columns: [
      'article_id',
      'revision',
      'quote_exact',
      'quote_prefix',
      'quote_suffix',
      'position_start',
      'position_end',
      'suggestion',
      'status',
      'fingerprint',
      'report_count',
      'created_at',
      'updated_at',
      'resolved_at',
      'resolved_by',
    ],
    refs: { article_id: 'article' },
  },
  {
    table: 'correction_report_contacts',
    hasId: false,
    columns: ['report_id', 'email', 'notified_at'],
    refs: { report_id: tbl('correction_reports') },
  },
  {
    table: 'correction_notes',
    hasId: true,
    columns: ['article_id', 'kind', 'body', 'published_at', 'created_by', 'report_id'],
    refs: { article_id: 'article', report_id: tbl('correction_reports') },
  },
  {
    table: 'republish_requests',
    hasId: true,
    columns: [
      'organisation',
      'contact_name',
      'contact_email',
      'website',
      'articles',
      'purpose',
      'wants_full_text',
      'status',
      'created_at',
      'decided_at',
      'decided_by',
      'decision_note',
    ],
  },
  {
    table: 'partner_grants',
    hasId: true,
    columns: [
      'partner_name',
      'scope_kind',
      'scope_section',
      'full_text',
      'expires_at',
      'notes',
      'created_at',
      'created_by',
      'revoked_at',
      'revoked_by',
      'request_id',
    ],
    refs: { request_id: tbl('republish_requests') },
  },
  { table: 'partner_grant_articles', hasId: false, columns: ['grant_id', 'article_slug'], refs: { grant_id: tbl('partner_grants') } },
  // Only the keys' hashes exist: partners keep using the keys they were given.
  { table: 'partner_keys', hasId: true, columns: ['grant_id', 'key_hash', 'key_prefix', 'created_at'], refs: { grant_id: tbl('partner_grants') } },
  {
    table: 'static_pages',
    hasId: true,
    columns: ['path', 'title', 'body_format', 'body_source', 'body_html', 'in_footer', 'footer_position', 'created_at', 'updated_at'],
  },
  { table: 'redirects', hasId: true, columns: ['from_path', 'to_path', 'source', 'created_at'] },
  {
    table: 'funders',
    hasId: true,
    columns: ['name', 'url', 'line', 'logo_media_id', 'position', 'created_at', 'updated_at', 'translations'],
    refs: { logo_media_id: 'media' },
  },
  {
    table: 'ad_campaigns',
    hasId: true,
    columns: [
      'name',
      'advertiser',
      'media_id',
      'alt',
      'html',
      'link',
      'slots',
      'starts_at',
      'ends_at',
      'weight',
      'daily_cap',
      'section_slug',
      'tag_slug',
      'created_at',
      'updated_at',
    ],
    refs: { media_id: 'media' },
  },
  {
    table: 'newsletters',
    hasId: true,
    columns: ['slug', 'name', 'description', 'sender_name', 'sender_email', 'audience', 'created_at'],
  },
  {
    table: 'newsletter_subscribers',
    hasId: true,
    columns: ['newsletter_id', 'email', 'name', 'status', 'token', 'bounces', 'subscribed_at', 'confirmed_at', 'updated_at', 'language'],
    refs: { newsletter_id: tbl('newsletters') },
  },
  {
    table: 'front_page_pins',
    hasId: false,
    columns: ['slot', 'article_id', 'pinned_at', 'pinned_by'],
    refs: { article_id: 'article', pinned_by: 'staff' },
  },
];

/** A row as the export writes it: column to value (ids of other rows as they were on the old site). */
export type RecordRow = Record<string, string | number | null>;

/** What the export file says about each story beyond its front matter. */
export interface ArticleDetails {
  slug: string;
  created_at: string;
  updated_at: string;
  /** The browser editor's document (empty when the body came from Markdown). */
  body_json: string;
}

/** One image of the export's `media/` folder. */
export interface MediaEntry {
  hash: string;
  /** Relative to the export directory: `media/<hash>.<ext>`. */
  file: string;
  /** False: the original was not kept (stored before originals were); the largest variant stands in, under a new hash. */
  original: boolean;
}

export const SITE_FILE = 'masthead-site.json';
export const EXPORT_FORMAT = 'masthead-site-export';
export const EXPORT_VERSION = 1;

export interface SiteExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exported_at: string;
  /** The last database migration of the site that wrote it. */
  schema: number;
  articles: ArticleDetails[];
  media: MediaEntry[];
  records: Record<string, RecordRow[]>;
  /** Not carried, and why: staff accounts, revision history, analytics, sent newsletters. */
  left_out: string[];
}

export const LEFT_OUT = [
  'staff accounts and their sessions (add them again with `masthead user add`)',
  'revision history (each story starts again at its current text)',
  'page-view analytics, newsletter issues already sent, ad impression counts, the job queue and the audit log',
];
