-- Reader revenue: members (readers with an account), patron tiers and patronages (paid through
-- Stripe or granted by hand), Stripe events seen, and the topics patrons propose and vote on.

-- A reader's account. Created only when a sign-up link is used, so an address typed by someone
-- else never becomes an account.
CREATE TABLE members (
  id                 INTEGER PRIMARY KEY,
  email              TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  stripe_customer_id TEXT UNIQUE
);

-- Sign-in (and sign-up) links sent by email: single use, expiring, stored as SHA-256.
CREATE TABLE member_login_tokens (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);
CREATE INDEX member_login_tokens_email ON member_login_tokens (email, created_at);

-- What patrons can choose. Prices are in the currency's minor unit (cents); either may be absent.
CREATE TABLE tiers (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  monthly_price INTEGER CHECK (monthly_price IS NULL OR monthly_price > 0),
  yearly_price  INTEGER CHECK (yearly_price IS NULL OR yearly_price > 0),
  currency      TEXT NOT NULL,
  vote_weight   INTEGER NOT NULL DEFAULT 1 CHECK (vote_weight BETWEEN 1 AND 100),
  position      INTEGER NOT NULL DEFAULT 0,
  archived_at   TEXT,
  created_at    TEXT NOT NULL,
  CHECK (monthly_price IS NOT NULL OR yearly_price IS NOT NULL)
);

-- One stretch of patronage: a Stripe subscription, or a grant made by hand.
-- A member is a patron while one of theirs is active or past due and not yet expired.
CREATE TABLE patronages (
  id                     INTEGER PRIMARY KEY,
  member_id              INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  tier_id                INTEGER REFERENCES tiers(id) ON DELETE SET NULL,
  source                 TEXT NOT NULL CHECK (source IN ('stripe', 'manual')),
  status                 TEXT NOT NULL CHECK (status IN ('pending', 'active', 'past_due', 'cancelled')),
  expires_at             TEXT,
  stripe_subscription_id TEXT UNIQUE,
  -- The Stripe event time of the last state applied, so an older event arriving late changes nothing.
  stripe_state_at        TEXT NOT NULL DEFAULT '',
  note                   TEXT NOT NULL DEFAULT '',
  granted_by             TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  CHECK ((source = 'stripe') = (stripe_subscription_id IS NOT NULL))
);
CREATE INDEX patronages_member ON patronages (member_id, status, expires_at);

-- Every Stripe webhook event processed, recorded in the same transaction as its effect:
-- a replay finds its id here and changes nothing.
CREATE TABLE stripe_events (
  id           TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  processed_at TEXT NOT NULL,
  outcome      TEXT NOT NULL
);

-- Topics patrons ask the newsroom to cover.
CREATE TABLE topics (
  id             INTEGER PRIMARY KEY,
  title          TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'in_progress', 'covered', 'declined')),
  status_reason  TEXT NOT NULL DEFAULT '',
  proposed_by    INTEGER REFERENCES members(id) ON DELETE SET NULL,
  merged_into_id INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX topics_board ON topics (merged_into_id, status, created_at);
CREATE INDEX topics_proposer ON topics (proposed_by, created_at);

-- One vote per patron per topic: the primary key makes two votes at once count once.
-- tier_id is the tier the patron voted with; the tally weighs it by that tier's current weight.
CREATE TABLE topic_votes (
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  tier_id    INTEGER REFERENCES tiers(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (topic_id, member_id)
);
CREATE INDEX topic_votes_member ON topic_votes (member_id);

-- The stories that covered a topic.
CREATE TABLE topic_articles (
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (topic_id, article_id)
);
CREATE INDEX topic_articles_article ON topic_articles (article_id);
