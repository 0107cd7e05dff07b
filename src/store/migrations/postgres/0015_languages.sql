-- Several languages in one outlet (src/i18n/CONTEXT.md).
-- A translation group is the id of the group's first story (the original). It is a plain number, not a
-- foreign key: the group stays together when its original is deleted.
ALTER TABLE articles ADD COLUMN translation_group INTEGER;
CREATE INDEX articles_translation_group ON articles (translation_group) WHERE translation_group IS NOT NULL;
-- Each language's home page and feeds: published stories of one language, newest first.
CREATE INDEX articles_language_published ON articles (status, language, published_at DESC, id DESC);
