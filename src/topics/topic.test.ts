import { describe, expect, it } from 'vitest';
import { acceptsVotes, changeStatus, checkMerge, describeTally, nextProposalAt, parseTopicText, type Topic } from './topic.js';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const topic = (over: Partial<Topic> = {}): Topic => ({
  id: 1,
  title: 'Why are the Eastbank buses always late?',
  description: '',
  status: 'open',
  statusReason: '',
  proposedBy: 7,
  mergedIntoId: null,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  ...over,
});

describe('topic text', () => {
  it('accepts a title and description, folding whitespace in the title', () => {
    expect(parseTopicText({ title: '  Lead pipes \n in   Eastbank schools ', description: ' Line one\r\nLine two ' })).toEqual({
      ok: true,
      value: { title: 'Lead pipes in Eastbank schools', description: 'Line one\nLine two' },
    });
    expect(parseTopicText({ title: 'Lead pipes in schools' })).toEqual({ ok: true, value: { title: 'Lead pipes in schools', description: '' } });
  });

  it('names the field that is wrong', () => {
    expect(parseTopicText({ title: 'Short' })).toMatchObject({ ok: false, field: 'title', message: 'title must be at least 8 characters' });
    expect(parseTopicText({ title: '    x      y     ' })).toMatchObject({ ok: false, field: 'title' });
    expect(parseTopicText({ title: 'x'.repeat(121) })).toMatchObject({ ok: false, field: 'title', message: 'title must be at most 120 characters' });
    expect(parseTopicText({ title: 'A fine title here', description: 'd'.repeat(1001) })).toMatchObject({
      ok: false,
      field: 'description',
      message: 'description must be at most 1000 characters',
    });
    expect(parseTopicText({ description: 'no title' })).toMatchObject({ ok: false, field: 'title', message: 'title is required: text of 8 to 120 characters' });
    expect(parseTopicText({ title: 42 })).toMatchObject({ ok: false, field: 'title' });
    expect(parseTopicText('a string')).toMatchObject({ ok: false, field: 'body' });
    // Counted as a reader counts: 120 emoji are 120 characters, not 240.
    expect(parseTopicText({ title: '🌊'.repeat(120) })).toMatchObject({ ok: true });
    expect(parseTopicText({ title: '🌊'.repeat(121) })).toMatchObject({ ok: false, field: 'title' });
  });
});

describe('status changes', () => {
  it('moves a topic along and returns a new value', () => {
    const before = topic();
    const r = changeStatus(before, 'planned', '  Our transport reporter is on it. ', NOW);
    expect(r).toEqual({ ok: true, topic: { ...before, status: 'planned', statusReason: 'Our transport reporter is on it.', updatedAt: NOW.toISOString() } });
    expect(before.status).toBe('open');
  });

  it('needs a reason to decline', () => {
    expect(changeStatus(topic(), 'declined', '   ', NOW)).toMatchObject({
      ok: false,
      reason: 'reason-required',
      message: expect.stringContaining('reason is required'),
    });
    expect(changeStatus(topic(), 'declined', 'Outside our area.', NOW)).toMatchObject({
      ok: true,
      topic: { status: 'declined', statusReason: 'Outside our area.' },
    });
    expect(changeStatus(topic(), 'declined', 'r'.repeat(501), NOW)).toMatchObject({ ok: false, reason: 'reason-too-long' });
  });

  it('refuses moves the table does not allow, and merged topics', () => {
    expect(changeStatus(topic({ status: 'declined', statusReason: 'No.' }), 'covered', '', NOW)).toMatchObject({
      ok: false,
      reason: 'not-allowed',
      message: 'A declined topic can only become open.',
    });
    expect(changeStatus(topic({ status: 'covered' }), 'in_progress', '', NOW)).toMatchObject({ ok: true });
    expect(changeStatus(topic({ mergedIntoId: 2 }), 'planned', '', NOW)).toMatchObject({ ok: false, reason: 'merged' });
    expect(changeStatus(topic(), 'open', '', NOW)).toMatchObject({ ok: false, reason: 'same-status' });
    // Same status with a new note is a change.
    expect(changeStatus(topic(), 'open', 'Still collecting ideas.', NOW)).toMatchObject({ ok: true });
  });

  it('takes votes only while the newsroom has not answered', () => {
    expect(['open', 'planned', 'in_progress'].every((s) => acceptsVotes(topic({ status: s as Topic['status'] })))).toBe(true);
    expect(acceptsVotes(topic({ status: 'covered' }))).toBe(false);
    expect(acceptsVotes(topic({ status: 'declined' }))).toBe(false);
    expect(acceptsVotes(topic({ mergedIntoId: 3 }))).toBe(false);
  });
});

describe('merging', () => {
  it('needs two different topics that are both still on the board', () => {
    expect(checkMerge({ id: 1, mergedIntoId: null }, { id: 2, mergedIntoId: null })).toEqual({ ok: true });
    expect(checkMerge({ id: 1, mergedIntoId: null }, { id: 1, mergedIntoId: null })).toMatchObject({ ok: false, reason: 'same-topic' });
    expect(checkMerge({ id: 1, mergedIntoId: 5 }, { id: 2, mergedIntoId: null })).toMatchObject({ ok: false, reason: 'source-merged' });
    expect(checkMerge({ id: 1, mergedIntoId: null }, { id: 2, mergedIntoId: 5 })).toMatchObject({
      ok: false,
      reason: 'target-merged',
      message: expect.stringContaining('topic 5'),
    });
  });
});

describe('the proposal limit', () => {
  it('opens again when the oldest of the last three proposals is a day old', () => {
    expect(nextProposalAt([], NOW)).toBeNull();
    expect(nextProposalAt(['2026-11-27T08:00:00.000Z', '2026-11-27T09:00:00.000Z'], NOW)).toBeNull();
    expect(nextProposalAt(['2026-11-27T09:00:00.000Z', '2026-11-27T08:00:00.000Z', '2026-11-27T10:00:00.000Z'], NOW)).toEqual(
      new Date('2026-11-28T08:00:00.000Z'),
    );
  });
});

describe('tallies in words', () => {
  it('says how many votes, from whom', () => {
    expect(describeTally({ weight: 0, voters: 0, fromFormer: 0 })).toBe('No votes yet');
    expect(describeTally({ weight: 1, voters: 1, fromFormer: 0 })).toBe('1 vote');
    expect(describeTally({ weight: 12, voters: 12, fromFormer: 2 })).toBe('12 votes, 2 from former patrons');
    expect(describeTally({ weight: 3, voters: 3, fromFormer: 1 })).toBe('3 votes, 1 from a former patron');
    expect(describeTally({ weight: 14, voters: 12, fromFormer: 0 })).toBe('14 votes from 12 patrons');
    expect(describeTally({ weight: 4, voters: 2, fromFormer: 1 })).toBe('4 votes from 2 patrons, 1 of them a former patron');
  });
});
