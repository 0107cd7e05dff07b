/** A feed as data, before it is written as RSS, Atom or JSON Feed. Every field here is public output. */
export interface FeedDocument {
  title: string;
  description: string;
  language: string;
  homeUrl: string;
  /** The URL this document is served at (self link). */
  selfUrl: string;
  updated: string;
  items: FeedItem[];
}

export interface FeedItem {
  /** The canonical article URL; also the item's permanent id. */
  url: string;
  title: string;
  /** Plain text excerpt, never the full body. */
  summary: string;
  published: string;
  updated: string;
  authors: { name: string; url: string }[];
  tags: string[];
  image: string | null;
}
