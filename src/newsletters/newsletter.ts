import { z } from 'zod';

/** Who may receive a newsletter: any confirmed address, readers with an account, or patrons only. */
export type Audience = 'anyone' | 'members' | 'patrons';
export const AUDIENCES: readonly Audience[] = ['anyone', 'members', 'patrons'];

export interface Newsletter {
  id: number;
  slug: string;
  name: string;
  description: string;
  senderName: string;
  senderEmail: string;
  audience: Audience;
  createdAt: string;
}

/** pending: waits for its confirmation link; confirmed: receives issues; bouncing: stopped after repeated permanent failures. */
export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'bouncing';

export interface Subscriber {
  id: number;
  newsletterId: number;
  email: string;
  name: string;
  status: SubscriberStatus;
  token: string;
  bounces: number;
  subscribedAt: string;
  confirmedAt: string | null;
  /** The language of the page they signed up on ('uk'), '' for the outlet's default: their mail links under its prefix. */
  language: string;
}

export type IssueStatus = 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface Issue {
  id: number;
  newsletterId: number;
  number: number;
  subject: string;
  intro: string;
  articleIds: number[];
  status: IssueStatus;
  sendAt: string;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Opens and clicks are counted for this issue (the outlet had counting on when it started). */
  counting: boolean;
  /** Loads of the issue's pixel, all recipients together (never per person). */
  opens: number;
}

/** One link an issue carried, with its clicks (all recipients together). */
export interface IssueLink {
  position: number;
  url: string;
  clicks: number;
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

export interface DeliveryCounts {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  bounced: number;
}

/** A delivery claimed for sending: the row is 'sending' until the SMTP answer is recorded. */
export interface ClaimedDelivery {
  issueId: number;
  subscriberId: number;
  email: string;
  name: string;
  token: string;
  attempts: number;
  /** The subscriber's status now: one who left after the send started gets nothing. */
  subscriberStatus: SubscriberStatus;
  /** The subscriber's language ('' for the outlet's default): their copy's links are under its prefix. */
  language: string;
}

/** Permanent failures in a row after which an address gets no more mail. */
export const BOUNCE_LIMIT = 3;
/** Unconfirmed addresses are deleted this long after signing up. */
export const PENDING_LIFETIME_MS = 7 * 24 * 3600_000;
/** Temporary (4xx) failures are retried this many times, with growing waits, before the delivery fails. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Seconds before retry `attempt` (1-based) of a temporarily refused message: 30 s, 2 min, 8 min, 32 min. */
export function retryDelayMs(attempt: number, baseMs = 30_000): number {
  return baseMs * 4 ** Math.max(0, attempt - 1);
}

/** An address as we store it: trimmed, domain lower-cased (the local part is the mail server's business). */
export function normalizeEmail(raw: string): string {
  const t = raw.trim();
  const at = t.lastIndexOf('@');
  return at < 0 ? t : `${t.slice(0, at)}@${t.slice(at + 1).toLowerCase()}`;
}

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'The address is too long.')
  .pipe(z.email({ error: 'That is not an email address we can send to.' }));

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const newsletterInputSchema = z.object({
  slug: z.string().trim().min(1, 'Give the newsletter a web address (slug).').max(60).regex(SLUG, 'The slug takes lower-case letters, digits and hyphens.'),
  name: z.string().trim().min(1, 'Give the newsletter a name.').max(120),
  description: z.string().trim().max(1000).default(''),
  senderName: z.string().trim().min(1, 'Say who the mail is from.').max(120),
  senderEmail: emailSchema,
  audience: z.enum(['anyone', 'members', 'patrons'], { error: 'Choose who may receive it.' }),
});
export type NewsletterInput = z.infer<typeof newsletterInputSchema>;

/** Classifies an SMTP failure: 5xx is permanent (a bounce), anything else (4xx, a dropped connection) is worth retrying. */
export function smtpFailureKind(err: unknown): 'permanent' | 'temporary' {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 ? 'permanent' : 'temporary';
}

/** Why a newsletter action was refused: the HTTP status a route answers with, the field at fault, and what to tell the user. */
export type Fail = { ok: false; status: 400 | 404 | 409 | 422; field: string; message: string };
export const fail = (status: Fail['status'], field: string, message: string): Fail => ({ ok: false, status, field, message });
