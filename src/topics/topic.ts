import type { ReaderProblem } from '../i18n/reader-problem.js';
/** Topics patrons ask the newsroom to cover. See CONTEXT.md: a topic is not an article, a vote is not a like. */
import { z } from 'zod';

export const TOPIC_STATUSES = ['open', 'planned', 'in_progress', 'covered', 'declined'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export const STATUS_LABELS: Record<TopicStatus, string> = {
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  covered: 'Covered',
  declined: 'Declined',
};

export const LIMITS = {
  titleMin: 8,
  titleMax: 120,
  description: 1000,
  reason: 500,
  /** Proposals per member in any rolling 24 hours, counted in the database so it holds across app servers. */
  proposalsPerDay: 3,
} as const;

/** A topic as stored. A merged topic (`mergedIntoId` set) is hidden: its votes and articles moved to the target. */
export interface Topic {
  id: number;
  title: string;
  description: string;
  status: TopicStatus;
  /** Why it was declined (required then); an optional note for other statuses. */
  statusReason: string;
  proposedBy: number | null;
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A topic's votes. `weight` is the sum of each vote's tier weight (the tier's current weight, 1 with
 * no tier); `voters` counts patrons; `fromFormer` counts votes of members who are no longer patrons.
 * Former patrons' votes still count: they are marked, not dropped.
 */
export interface Tally {
  weight: number;
  voters: number;
  fromFormer: number;
}

export interface TopicWithTally extends Topic {
  tally: Tally;
}

export const EMPTY_TALLY: Tally = { weight: 0, voters: 0, fromFormer: 0 };

/** Where each status may go. Covered can reopen as in progress (more coverage); declined only reopens. */
const TRANSITIONS: Record<TopicStatus, readonly TopicStatus[]> = {
  open: ['planned', 'in_progress', 'covered', 'declined'],
  planned: ['open', 'in_progress', 'covered', 'declined'],
  in_progress: ['open', 'planned', 'covered', 'declined'],
  covered: ['in_progress'],
  declined: ['open'],
};

export const allowedNextStatuses = (from: TopicStatus): readonly TopicStatus[] => TRANSITIONS[from];

/** Patrons vote while the newsroom has not yet answered: covered and declined topics are closed. */
export const acceptsVotes = (t: Pick<Topic, 'status' | 'mergedIntoId'>): boolean =>
  t.mergedIntoId === null && (t.status === 'open' || t.status === 'planned' || t.status === 'in_progress');

/** Characters as a reader counts them (code points), not UTF-16 units. */
const chars = (s: string) => Array.from(s).length;

const title = z
  .string({ error: `title is required: text of ${LIMITS.titleMin} to ${LIMITS.titleMax} characters` })
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .refine((s) => chars(s) >= LIMITS.titleMin, `title must be at least ${LIMITS.titleMin} characters`)
      .refine((s) => chars(s) <= LIMITS.titleMax, `title must be at most ${LIMITS.titleMax} characters`),
  );
const description = z
  .string({ error: 'description must be text' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().refine((s) => chars(s) <= LIMITS.description, `description must be at most ${LIMITS.description} characters`));

/** What a patron proposes and an editor edits: a one-line title and an optional short description. */
export const topicTextSchema = z.object(
  {
    title,
    description: z.preprocess((v) => v ?? '', description),
  },
  { error: 'send an object with a title and an optional description' },
);
export type TopicText = z.output<typeof topicTextSchema>;

export type TextResult = { ok: true; value: TopicText } | { ok: false; field: 'title' | 'description' | 'body'; message: string; problem: ReaderProblem };

/** Validates and normalises topic text (whitespace folded in titles, trimmed descriptions). */
export function parseTopicText(input: unknown): TextResult {
  const parsed = topicTextSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] === 'title' || issue.path[0] === 'description' ? issue.path[0] : 'body';
  return { ok: false, field, message: issue.message, problem: textProblem(field) };
}

/** The reader's words for a refused title or description: which field, and the limits it must keep. */
function textProblem(field: 'title' | 'description' | 'body'): ReaderProblem {
  if (field === 'description') return { code: 'problem.topics.descriptionTooLong', values: { max: LIMITS.description } };
  return { code: 'problem.topics.titleLength', values: { min: LIMITS.titleMin, max: LIMITS.titleMax } };
}

export type StatusChange =
  { ok: true; topic: Topic } | { ok: false; reason: 'merged' | 'same-status' | 'not-allowed' | 'reason-required' | 'reason-too-long'; message: string };

/** Moves a topic to a new status. Declining needs a reason readers will see; the reason is cleared when none is given. */
export function changeStatus(topic: Topic, to: TopicStatus, reason: string, now: Date): StatusChange {
  const why = reason.replace(/\r\n?/g, '\n').trim();
  if (topic.mergedIntoId !== null) return { ok: false, reason: 'merged', message: 'This topic was merged into another; change that one instead.' };
  if (to === topic.status && why === topic.statusReason)
    return { ok: false, reason: 'same-status', message: `The topic is already ${STATUS_LABELS[to].toLowerCase()}.` };
  if (to !== topic.status && !TRANSITIONS[topic.status].includes(to)) {
    const next = TRANSITIONS[topic.status].map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ');
    return { ok: false, reason: 'not-allowed', message: `A ${STATUS_LABELS[topic.status].toLowerCase()} topic can only become ${next}.` };
  }
  if (to === 'declined' && !why) return { ok: false, reason: 'reason-required', message: 'reason is required: tell patrons why this topic is declined' };
  if (why.length > LIMITS.reason) return { ok: false, reason: 'reason-too-long', message: `reason must be at most ${LIMITS.reason} characters` };
  return { ok: true, topic: { ...topic, status: to, statusReason: why, updatedAt: now.toISOString() } };
}

export type MergeCheck = { ok: true } | { ok: false; reason: 'same-topic' | 'source-merged' | 'target-merged'; message: string };

/** Whether `source` may be merged into `target`: two different topics, neither already merged away. */
export function checkMerge(source: Pick<Topic, 'id' | 'mergedIntoId'>, target: Pick<Topic, 'id' | 'mergedIntoId'>): MergeCheck {
  if (source.id === target.id) return { ok: false, reason: 'same-topic', message: 'A topic cannot be merged into itself.' };
  if (source.mergedIntoId !== null)
    return { ok: false, reason: 'source-merged', message: `Topic ${source.id} was already merged into topic ${source.mergedIntoId}.` };
  if (target.mergedIntoId !== null)
    return { ok: false, reason: 'target-merged', message: `Topic ${target.id} was merged into topic ${target.mergedIntoId}; merge into that one.` };
  return { ok: true };
}

/** When a member may propose again: the oldest of their last `limit` proposals ages out after 24 hours. */
export function nextProposalAt(recentCreatedAt: string[], now: Date): Date | null {
  if (recentCreatedAt.length < LIMITS.proposalsPerDay) return null;
  const oldest = [...recentCreatedAt].sort()[recentCreatedAt.length - LIMITS.proposalsPerDay]!;
  const at = new Date(Date.parse(oldest) + 86_400_000);
  return at > now ? at : null;
}

/** "12 votes, 2 from former patrons"; "14 votes from 12 patrons" when tiers weigh votes differently. */
export function describeTally(t: Tally): string {
  if (t.voters === 0) return 'No votes yet';
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const weighted = t.weight !== t.voters;
  const base = weighted ? `${plural(t.weight, 'vote', 'votes')} from ${plural(t.voters, 'patron', 'patrons')}` : plural(t.voters, 'vote', 'votes');
  if (t.fromFormer === 0) return base;
  if (weighted) return `${base}, ${t.fromFormer} of them ${t.fromFormer === 1 ? 'a former patron' : 'former patrons'}`;
  return `${base}, ${t.fromFormer} from ${t.fromFormer === 1 ? 'a former patron' : 'former patrons'}`;
}
