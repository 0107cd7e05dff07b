-- What the outlet writes once, in its other languages (src/i18n/CONTEXT.md, "outlet texts"): a tier's
-- name and description, a funder's credit line. JSON such as {"uk":{"name":"…"}}; an empty or missing
-- text shows the default language's. Site and support settings keep theirs in their settings value.
ALTER TABLE tiers ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE funders ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
