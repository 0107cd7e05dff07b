-- PostgreSQL only (its search_documents table's storage); SQLite's FTS5 index needs no change.
SELECT 1;
