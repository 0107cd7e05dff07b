-- Search and related stories (src/search/CONTEXT.md).
-- The full-text index holds published stories only; every publish, edit, unpublish and delete
-- updates it in the same transaction (search-sync.ts). Contentless: the text lives in `articles`;
-- section and publication time are kept (contentless_unindexed) so filters run inside the index
-- and the ranking never needs a join. rowid = articles.id.
CREATE VIRTUAL TABLE search_index USING fts5(
  headline, standfirst, body, section_id UNINDEXED, published_at UNINDEXED,
  content='', contentless_delete=1, contentless_unindexed=1,
  tokenize='unicode61 remove_diacritics 2'
);
-- How many indexed stories contain each term: query planning and related-story term weights.
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_index, 'row');

INSERT INTO search_index (rowid, headline, standfirst, body, section_id, published_at)
SELECT id, headline, standfirst, body_text, section_id, published_at FROM articles WHERE status = 'published';

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
