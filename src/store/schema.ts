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
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: number | null;
    actor_name: string;
    action: string;
    subject: string;
    detail: string;
  };
  schema_migrations: { version: number; name: string; applied_at: string };
}
