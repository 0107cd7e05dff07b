-- The language of the page a subscriber signed up on (src/newsletters/CONTEXT.md): their confirmation,
-- unsubscribe and "read on the web" links are built under its prefix (/uk/…), so the pages they open
-- from the mail are in that language. '' is the outlet's default language (the root), which is what
-- every address signed up before this column, or imported, gets.
ALTER TABLE newsletter_subscribers ADD COLUMN language TEXT NOT NULL DEFAULT '';
