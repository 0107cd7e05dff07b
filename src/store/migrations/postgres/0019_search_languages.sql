-- Search is language-aware (src/search/CONTEXT.md): each indexed story knows its language, so
-- /uk/search finds Ukrainian stories the way a section filter finds a section's.
-- SQLite: a `lang<code>` token joins the facets column. The index is rebuilt once to add it (the
-- same statement as `masthead search reindex`; at a million stories this takes minutes).
-- PostgreSQL: the story's language on its document row, filtered like section_id.
ALTER TABLE search_documents ADD COLUMN language TEXT NOT NULL DEFAULT '';
UPDATE search_documents d SET language = a.language FROM articles a WHERE a.id = d.article_id;
