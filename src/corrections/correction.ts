/** Reader corrections. See CONTEXT.md: a correction is not a clarification is not an update. */

export const REPORT_STATUSES = ['new', 'accepted', 'rejected', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const NOTE_KINDS = ['correction', 'clarification'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface Quote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A reader's report of an error, anchored to the revision they read. */
export interface CorrectionReport {
  id: number;
  articleId: number;
  revision: number;
  quote: Quote;
  position: { start: number; end: number };
  suggestion: string;
  status: ReportStatus;
  /** How many readers sent this same report. */
  count: number;
  contacts: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

/** A published note on an article. */
export interface CorrectionNote {
  id: number;
  articleId: number;
  kind: NoteKind;
  body: string;
  publishedAt: string;
  createdBy: string;
}

/** A note with the article it belongs to, for the public log and its feed. */
export interface LoggedNote extends CorrectionNote {
  articleSlug: string;
  articleHeadline: string;
}

export const LIMITS = { suggestion: 2000, quote: 1000, note: 2000 } as const;
