-- Keep each story's tsvector in PostgreSQL's own table pages (compressed) instead of the TOAST table.
-- Out of line, the heap looked tiny to the planner, which then chose a sequential scan over the GIN
-- index: every query detoasted every document (about 100 ms per query at 20,000 stories, measured).
-- Inline, the planner sees the real size and uses the index; rows larger than a page still move out.
-- SQLite's FTS5 index needs no change.
ALTER TABLE search_documents SET (toast_tuple_target = 8160);
ALTER TABLE search_documents ALTER COLUMN document SET STORAGE MAIN;
-- Existing rows keep their old storage until rewritten: rewrite them once.
CREATE TEMPORARY TABLE search_documents_copy ON COMMIT DROP AS SELECT * FROM search_documents;
DELETE FROM search_documents;
INSERT INTO search_documents SELECT * FROM search_documents_copy;
