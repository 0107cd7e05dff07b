-- Search and related stories (src/search/CONTEXT.md).
-- sqlite only {
-- The full-text index holds published stories only; every publish, edit, unpublish and delete
-- updates it in the same transaction (search-sync.ts). Contentless: the text lives in `articles`.
-- `facets` holds one token per section, tag and byline ("sec3 tag17 by5"), so those filters are
-- index intersections inside the MATCH, never a join (readers' words only ever search the text
-- columns). The publication time is kept (contentless_unindexed) for date filters. rowid = articles.id.
CREATE VIRTUAL TABLE search_index USING fts5(
  headline, standfirst, body, facets, published_at UNINDEXED,
  content='', contentless_delete=1, contentless_unindexed=1,
  tokenize='unicode61 remove_diacritics 2'
);

INSERT INTO search_index (rowid, headline, standfirst, body, facets, published_at)
SELECT a.id, a.headline, a.standfirst, a.body_text,
       'sec' || coalesce(a.section_id, 0)
         || coalesce((SELECT ' ' || group_concat('tag' || t.tag_id, ' ') FROM article_tags t WHERE t.article_id = a.id), '')
         || coalesce((SELECT ' ' || group_concat('by' || w.author_id, ' ') FROM article_authors w WHERE w.article_id = a.id), ''),
       a.published_at
FROM articles a WHERE a.status = 'published';
-- }
--pg -- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it. It lives in
--pg -- public so that every schema (and every test schema) shares one copy.
--pg CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
--pg -- No stemming and no stop words, as with SQLite's unicode61: the same results in any language.
--pg CREATE TEXT SEARCH CONFIGURATION masthead_search (COPY = pg_catalog.simple);
--pg ALTER TEXT SEARCH CONFIGURATION masthead_search
--pg   ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart WITH public.unaccent, pg_catalog.simple;
--pg
--pg -- Published stories only, kept in step in each write's transaction (search-sync.ts).
--pg -- Headline weighs A, standfirst B, body D.
--pg CREATE TABLE search_documents (
--pg   article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
--pg   section_id   INTEGER,
--pg   published_at TEXT NOT NULL,
--pg   document     tsvector NOT NULL
--pg );
--pg CREATE INDEX search_documents_document ON search_documents USING GIN (document);
--pg CREATE INDEX search_documents_published ON search_documents (published_at DESC, article_id DESC);
--pg -- How many indexed stories contain each lexeme (SQLite reads this from fts5vocab).
--pg CREATE TABLE search_terms (
--pg   term TEXT PRIMARY KEY,
--pg   docs INTEGER NOT NULL
--pg );
--pg
--pg INSERT INTO search_documents (article_id, section_id, published_at, document)
--pg SELECT id, section_id, published_at,
--pg        setweight(to_tsvector('masthead_search', headline), 'A') || setweight(to_tsvector('masthead_search', standfirst), 'B') ||
--pg        setweight(to_tsvector('masthead_search', body_text), 'D')
--pg FROM articles WHERE status = 'published';
--pg INSERT INTO search_terms (term, docs)
--pg SELECT lexeme, count(*) FROM search_documents, unnest(document) GROUP BY lexeme;

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
