import type { Generated } from 'kysely';

/** Row types as stored. Only stores see these; services and views get domain types. */
export interface Database {
  sections: { id: Generated<number>; slug: string; name: string; description: Generated<string>; position: Generated<number> };
  tags: { id: Generated<number>; slug: string; name: string };
  authors: {
    id: Generated<number>;
    slug: string;
    name: string;
    bio: Generated<string>;
    is_guest: Generated<number>;
    user_id: number | null;
  };
  media: { id: Generated<number>; hash: string; width: number; height: number; widths: string; created_at: string };
  articles: {
    id: Generated<number>;
    slug: string;
    headline: string;
    standfirst: string;
    body_source: string;
    body_format: string;
    body_html: string;
    body_text: string;
    hero_media_id: number | null;
    hero_alt: string;
    hero_caption: string;
    hero_credit: string;
    section_id: number | null;
    language: string;
    status: 'draft' | 'scheduled' | 'published';
    published_at: string | null;
    scheduled_for: string | null;
    created_at: string;
    updated_at: string;
    revision: number;
    owner_user_id: Generated<number | null>;
    body_json: Generated<string>;
    funding_kind: Generated<'underwritten' | 'sponsored' | null>;
    funding_name: Generated<string>;
    funding_url: Generated<string>;
    funding_disclosure: Generated<string>;
    translation_group: Generated<number | null>;
  };
  article_authors: { article_id: number; author_id: number; position: number; published_at: string | null };
  article_tags: { article_id: number; tag_id: number; position: number; published_at: string | null };
  article_sources: { article_id: number; position: number; name: string; url: string };
  article_related: { article_id: number; related_article_id: number; position: number };
  article_revisions: {
    id: Generated<number>;
    article_id: number;
    revision: number;
    headline: string;
    standfirst: string;
    body_source: string;
    body_format: string;
    body_html: string;
    created_at: string;
    created_by: string;
  };
  article_autosaves: {
    id: Generated<number>;
    article_id: number;
    based_on: number;
    headline: string;
    standfirst: string;
    body_html: string;
    body_json: string;
    created_at: string;
    created_by: string;
  };
  settings: { key: string; value: string };
  front_page_pins: { slot: number; article_id: number; pinned_at: string; pinned_by: number | null };
  funders: {
    id: Generated<number>;
    name: string;
    url: string;
    line: string;
    logo_media_id: number | null;
    position: number;
    created_at: string;
    updated_at: string;
    /** JSON: the credit line in other languages. */
    translations: Generated<string>;
  };
  users: {
    id: Generated<number>;
    email: string;
    name: string;
    role: 'owner' | 'admin' | 'editor' | 'writer' | 'contributor';
    password_hash: string | null;
    author_id: number | null;
    created_at: string;
    disabled_at: string | null;
  };
  sessions: {
    id: string;
    kind: 'staff' | 'member';
    subject_id: number;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    user_agent: string;
    ip: string;
  };
  login_tokens: { token_hash: string; user_id: number; created_at: string; expires_at: string; used_at: string | null };
  login_failures: { id: Generated<number>; key: string; failed_at: string };
  correction_reports: {
    id: Generated<number>;
    article_id: number;
    revision: number;
    quote_exact: string;
    quote_prefix: string;
    quote_suffix: string;
    position_start: number;
    position_end: number;
    suggestion: string;
    status: 'new' | 'accepted' | 'rejected' | 'duplicate';
    fingerprint: string;
    report_count: Generated<number>;
    created_at: string;
    updated_at: string;
    resolved_at: string | null;
    resolved_by: string | null;
  };
  correction_report_contacts: { report_id: number; email: string; notified_at: string | null };
  correction_notes: {
    id: Generated<number>;
    article_id: number;
    kind: 'correction' | 'clarification';
    body: string;
    published_at: string;
    created_by: string;
    report_id: number | null;
  };
  republish_requests: {
    id: Generated<number>;
    organisation: string;
    contact_name: string;
    contact_email: string;
    website: string;
    articles: string;
    purpose: string;
    wants_full_text: number;
    status: 'new' | 'granted' | 'refused';
    created_at: string;
    decided_at: string | null;
    decided_by: string | null;
    decision_note: Generated<string>;
  };
  partner_grants: {
    id: Generated<number>;
    partner_name: string;
    scope_kind: 'all' | 'section' | 'articles';
    scope_section: string | null;
    full_text: number;
    expires_at: string | null;
    notes: string;
    created_at: string;
    created_by: string;
    revoked_at: string | null;
    revoked_by: string | null;
    request_id: number | null;
  };
  partner_grant_articles: { grant_id: number; article_slug: string };
  partner_keys: { id: Generated<number>; grant_id: number; key_hash: string; key_prefix: string; created_at: string };
  full_text_fetches: { id: Generated<number>; key_id: number; grant_id: number; article_id: number; fetched_at: string };
  republish_views: { article_id: number; referrer_host: string; day: string; view_count: Generated<number> };
  republish_hosts: { host: string; first_seen_day: string; via: 'partner' | 'seen' };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: number | null;
    actor_name: string;
    action: string;
    subject: string;
    detail: string;
  };
  members: { id: Generated<number>; email: string; name: Generated<string>; created_at: string; stripe_customer_id: string | null };
  member_login_tokens: { token_hash: string; email: string; created_at: string; expires_at: string; used_at: string | null };
  tiers: {
    id: Generated<number>;
    name: string;
    description: Generated<string>;
    monthly_price: number | null;
    yearly_price: number | null;
    currency: string;
    vote_weight: Generated<number>;
    position: Generated<number>;
    archived_at: string | null;
    created_at: string;
    /** JSON: the name and description in other languages. */
    translations: Generated<string>;
  };
  patronages: {
    id: Generated<number>;
    member_id: number;
    tier_id: number | null;
    source: 'stripe' | 'manual';
    status: 'pending' | 'active' | 'past_due' | 'cancelled';
    expires_at: string | null;
    stripe_subscription_id: string | null;
    stripe_state_at: Generated<string>;
    note: Generated<string>;
    granted_by: string | null;
    created_at: string;
    updated_at: string;
  };
  stripe_events: { id: string; type: string; created_at: string; processed_at: string; outcome: string };
  topics: {
    id: Generated<number>;
    title: string;
    description: Generated<string>;
    status: Generated<'open' | 'planned' | 'in_progress' | 'covered' | 'declined'>;
    status_reason: Generated<string>;
    proposed_by: number | null;
    merged_into_id: number | null;
    created_at: string;
    updated_at: string;
  };
  topic_votes: { topic_id: number; member_id: number; tier_id: number | null; created_at: string };
  topic_articles: { topic_id: number; article_id: number };
  ad_campaigns: {
    id: Generated<number>;
    name: string;
    advertiser: string;
    media_id: number | null;
    alt: string;
    html: string;
    link: string;
    slots: string;
    starts_at: string;
    ends_at: string | null;
    weight: number;
    daily_cap: number | null;
    section_slug: string | null;
    tag_slug: string | null;
    created_at: string;
    updated_at: string;
  };
  ad_daily_counts: { campaign_id: number; day: string; impressions: Generated<number>; clicks: Generated<number> };
  analytics_salts: { day: string; salt: string };
  analytics_visitors: { day: string; scope: string; visitor: string };
  analytics_site_days: { day: string; views: number; visitors: number };
  analytics_article_days: { day: string; article_id: number; views: number; visitors: number };
  analytics_section_days: { day: string; section_id: number; views: number; visitors: number };
  analytics_referrer_days: { day: string; host: string; views: number };
  analytics_country_days: { day: string; country: string; views: number };
  schema_migrations: { version: number; name: string; applied_at: string };
  /** Computed related stories (search/related-store.ts); rank 0 is the closest. */
  related_stories: { article_id: number; related_id: number; rank: number };
  /** PostgreSQL only: the full-text index (SQLite uses the FTS5 table search_index). */
  search_documents: { article_id: number; section_id: number | null; published_at: string; document: string; language: string };
  /** PostgreSQL only: documents per lexeme (SQLite reads fts5vocab). */
  search_terms: { term: string; docs: number };
  static_pages: {
    id: Generated<number>;
    path: string;
    title: string;
    body_format: 'markdown' | 'html';
    body_source: string;
    body_html: string;
    in_footer: number;
    footer_position: number;
    created_at: string;
    updated_at: string;
  };
  redirects: { id: Generated<number>; from_path: string; to_path: string; source: string; created_at: string };
  import_items: { source: string; guid: string; kind: string; target_id: number; imported_at: string };
  imported_members: { member_id: number; source: string; newsletter_opt_in: number; newsletters: string; imported_at: string };
  newsletters: {
    id: Generated<number>;
    slug: string;
    name: string;
    description: string;
    sender_name: string;
    sender_email: string;
    audience: 'anyone' | 'members' | 'patrons';
    created_at: string;
  };
  newsletter_subscribers: {
    id: Generated<number>;
    newsletter_id: number;
    email: string;
    name: string;
    status: 'pending' | 'confirmed' | 'unsubscribed' | 'bouncing';
    token: string;
    bounces: Generated<number>;
    subscribed_at: string;
    confirmed_at: string | null;
    updated_at: string;
    language: Generated<string>;
  };
  newsletter_issues: {
    id: Generated<number>;
    newsletter_id: number;
    number: number;
    subject: string;
    intro: string;
    article_ids: string;
    status: 'scheduled' | 'sending' | 'sent' | 'cancelled';
    send_at: string;
    created_by: string;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
    lease_owner: string | null;
    lease_until: string | null;
    /** 1 when opens and clicks are counted for this issue (fixed when it starts). */
    counting: Generated<number>;
    opens: Generated<number>;
  };
  newsletter_links: {
    issue_id: number;
    position: number;
    url: string;
    clicks: Generated<number>;
  };
  newsletter_publish_sends: {
    article_id: number;
    newsletter_id: number;
    created_by: string;
    created_at: string;
  };
  newsletter_deliveries: {
    issue_id: number;
    subscriber_id: number;
    email: string;
    status: 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';
    attempts: Generated<number>;
    next_attempt_at: string;
    last_error: Generated<string>;
    sent_at: string | null;
  };
  /** The job queue (src/jobs/). */
  jobs: {
    id: string;
    name: string;
    payload: string;
    state: 'queued' | 'running' | 'done' | 'dead';
    dedup_key: string | null;
    attempt: Generated<number>;
    max_attempts: number;
    repeat_every_ms: number | null;
    run_at: string;
    locked_until: string | null;
    locked_by: string | null;
    last_error: string | null;
    failed_at: string | null;
    created_at: string;
    updated_at: string;
  };
}
