-- Search and related stories (src/search/CONTEXT.md).
-- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it. It lives in
-- public so that every schema (and every test schema) shares one copy.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
-- No stemming and no stop words, as with SQLite's unicode61: the same results in any language.
CREATE TEXT SEARCH CONFIGURATION masthead_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION masthead_search
  ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH public.unaccent, pg_catalog.simple;

-- Published stories only, kept in step in each write's transaction (search-sync.ts).
-- Headline weighs A, standfirst B, body D.
CREATE TABLE search_documents (
  article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  section_id   INTEGER,
  published_at TEXT NOT NULL,
  document     tsvector NOT NULL
);
CREATE INDEX search_documents_document ON search_documents USING GIN (document);
CREATE INDEX search_documents_published ON search_documents (published_at DESC, article_id DESC);
-- How many indexed stories contain each lexeme (SQLite reads this from fts5vocab).
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY,
  docs INTEGER NOT NULL
);

INSERT INTO search_documents (article_id, section_id, published_at, document)
SELECT id, section_id, published_at,
       setweight(to_tsvector('masthead_search', headline), 'A') || setweight(to_tsvector('masthead_search', standfirst), 'B') ||
       setweight(to_tsvector('masthead_search', body_text), 'D')
FROM articles WHERE status = 'published';
INSERT INTO search_terms (term, docs)
SELECT lexeme, count(*) FROM search_documents, unnest(document) GROUP BY lexeme;

-- Related stories, computed when a story is published or edited; `rank` 0 is the closest.
CREATE TABLE related_stories (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  related_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  rank       INTEGER NOT NULL,
  PRIMARY KEY (article_id, rank)
);
CREATE INDEX related_stories_related ON related_stories (related_id);
-- Stories citing the same source are related candidates.
CREATE INDEX article_sources_url ON article_sources (url, article_id);
