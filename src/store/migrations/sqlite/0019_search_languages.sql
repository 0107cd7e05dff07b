-- Search is language-aware (src/search/CONTEXT.md): each indexed story knows its language, so
-- /uk/search finds Ukrainian stories the way a section filter finds a section's.
-- SQLite: a `lang<code>` token joins the facets column. The index is rebuilt once to add it (the
-- same statement as `masthead search reindex`; at a million stories this takes minutes).
-- sqlite only {
INSERT INTO search_index (search_index) VALUES ('delete-all');
INSERT INTO search_index (rowid, headline, standfirst, body, facets, published_at)
SELECT a.id, a.headline, a.standfirst, a.body_text,
       'sec' || coalesce(a.section_id, 0)
         || ' lang' || lower(CASE WHEN instr(a.language, '-') > 0 THEN substr(a.language, 1, instr(a.language, '-') - 1) ELSE a.language END)
         || coalesce((SELECT ' ' || group_concat('tag' || t.tag_id, ' ') FROM article_tags t WHERE t.article_id = a.id), '')
         || coalesce((SELECT ' ' || group_concat('by' || w.author_id, ' ') FROM article_authors w WHERE w.article_id = a.id), ''),
       a.published_at
FROM articles a WHERE a.status = 'published';
-- }
--pg -- PostgreSQL: the story's language on its document row, filtered like section_id.
--pg ALTER TABLE search_documents ADD COLUMN language TEXT NOT NULL DEFAULT '';
--pg UPDATE search_documents d SET language = a.language FROM articles a WHERE a.id = d.article_id;
