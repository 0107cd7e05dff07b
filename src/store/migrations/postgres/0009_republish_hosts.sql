-- Sites whose pixel views we count. The pixel's Referer is chosen by whoever loads it, so a host
-- is counted only once it is here: a partner's website, or one of at most a few new hosts a day
-- (see partner-service.ts). Without this, every made-up Referer added a row.
CREATE TABLE republish_hosts (
  host           TEXT PRIMARY KEY,
  first_seen_day TEXT NOT NULL,
  via            TEXT NOT NULL CHECK (via IN ('partner', 'seen'))
);
-- "How many new hosts today": one index range.
CREATE INDEX republish_hosts_new ON republish_hosts (via, first_seen_day);

-- Hosts already counted before this table existed stay counted.
INSERT INTO republish_hosts (host, first_seen_day, via)
SELECT referrer_host, MIN(day), 'seen' FROM republish_views WHERE referrer_host <> '' GROUP BY referrer_host;
