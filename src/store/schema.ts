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
  settings: { key: string; value: string };
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
  schema_migrations: { version: number; name: string; applied_at: string };
  /** Computed related stories (search/related-store.ts); rank 0 is the closest. */
  related_stories: { article_id: number; related_id: number; rank: number };
  /** PostgreSQL only: the full-text index (SQLite uses the FTS5 table search_index). */
  search_documents: { article_id: number; section_id: number | null; published_at: string; document: string };
  /** PostgreSQL only: documents per lexeme (SQLite reads fts5vocab). */
  search_terms: { term: string; docs: number };
}
