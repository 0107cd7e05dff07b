-- PostgreSQL search filters inside the GIN index (src/search/CONTEXT.md, "filter tokens"): each
-- story's tsvector also holds `sec=N`, `lang=xx`, `month=YYYY-MM`, `tag=N` and `by=N`, so a section,
-- tag, byline or language filter is an intersection in the index instead of a check on every row,
-- and the newest matches are found month by month. The documents are rebuilt once, and the word
-- counts with them (the same statements as `masthead search reindex`).
-- SQLite's FTS5 index already has its `facets` column.
UPDATE search_documents d SET document =
  setweight(to_tsvector('masthead_search', a.headline), 'A') || setweight(to_tsvector('masthead_search', a.standfirst), 'B')
  || setweight(to_tsvector('masthead_search', a.body_text), 'D')
  || array_to_tsvector(ARRAY['sec=' || coalesce(a.section_id, 0), 'lang=' || lower(split_part(a.language, '-', 1)), 'month=' || substr(a.published_at, 1, 7)]
    || ARRAY(SELECT 'tag=' || t.tag_id FROM article_tags t WHERE t.article_id = a.id)
    || ARRAY(SELECT 'by=' || w.author_id FROM article_authors w WHERE w.article_id = a.id))
FROM articles a WHERE a.id = d.article_id;
TRUNCATE search_terms;
INSERT INTO search_terms (term, docs) SELECT lexeme, count(*) FROM search_documents, unnest(document) GROUP BY lexeme;
