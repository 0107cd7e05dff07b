-- Search and related stories (src/search/CONTEXT.md).
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
