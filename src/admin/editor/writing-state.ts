/// <reference lib="dom" />
/**
 * The state line ("Draft · saved 12 s ago", "Published · 3 unsaved changes"), the primary button's
 * words, and autosave. Autosave posts the headline, standfirst and body to the server as an
 * autosave (never a revision, never the live page). A story that does not exist yet is saved once
 * as a draft when its headline is written, so there is something to autosave onto.
 */
import { adminText } from './editor-text.js';

const AUTOSAVE_AFTER_MS = 2500;
/** While the writer types without a pause, an autosave still happens this often. */
const AUTOSAVE_AT_LEAST_MS = 15_000;
/** Fields that are not the writer's text: never counted as changes. */
const IGNORED = new Set(['_csrf', 'revision', 'action', 'body_json', 'hero_file']);

/** "12 s ago", "4 min ago", "3 h ago", or the date. */
export function relativeTime(then: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  const ago = (unit: string, n = 0) => adminText('admin.editor.state.ago', { unit, n, date: then.toISOString().slice(0, 10) });
  if (s < 5) return ago('now');
  if (s < 60) return ago('s', s);
  if (s < 3600) return ago('min', Math.floor(s / 60));
  if (s < 86_400) return ago('h', Math.floor(s / 3600));
  return ago('date');
}

/**
 * Whether a datetime-local value ("2026-12-01T09:30") is still ahead on the wall clock of `timeZone`,
 * the outlet's zone the server reads it in; not the browser's own zone.
 */
export function isLaterThere(local: string, timeZone: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return false;
  let parts: Record<string, string>;
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    parts = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  } catch {
    return false;
  }
  const there = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  return local.slice(0, 16) > there;
}

function snapshot(form: HTMLFormElement): Map<string, string> {
  const values = new Map<string, string>();
  for (const el of form.elements) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) || !el.name || IGNORED.has(el.name)) continue;
    if (el instanceof HTMLInputElement && el.type === 'submit') continue;
    values.set(el.name, el.value);
  }
  return values;
}

export function mountWritingState(form: HTMLFormElement): void {
  const line = document.getElementById('writing-state');
  const text = document.getElementById('writing-state-text');
  const primary = document.getElementById('primary-action');
  const publishAt = document.getElementById('f-publishAt');
  const revision = document.getElementById('f-revision');
  if (!line || !text || !(primary instanceof HTMLButtonElement) || !(revision instanceof HTMLInputElement)) return;
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const status = line.dataset.status ?? 'draft';
  let savedAt = line.dataset.savedAt ? new Date(line.dataset.savedAt) : null;
  let autosavedAt: Date | null = null;
  let problem: string | null = null;
  let baseline = snapshot(form);
  let timer: number | undefined;
  let inFlight = false;
  let again = false;
  let submitting = false;
  let headlineDone = false;
  /** The first save of a new story, while it is on its way: a submit waits for it, or it would create the story twice. */
  let creating: Promise<void> | null = null;

  const articleId = () => form.dataset.articleId || '';

  const unsaved = () => {
    const now = snapshot(form);
    let n = 0;
    for (const [name, value] of now) if (baseline.get(name) !== value) n++;
    return n;
  };

  const render = () => {
    const now = new Date();
    const n = unsaved();
    const parts = [adminText('admin.editor.state.status', { status })];
    if (n > 0) parts.push(adminText('admin.editor.state.unsaved', { count: n }));
    else parts.push(savedAt ? adminText('admin.editor.state.saved', { when: relativeTime(savedAt, now) }) : adminText('admin.editor.state.notSaved'));
    if (autosavedAt) parts.push(adminText('admin.editor.state.autosaved', { when: relativeTime(autosavedAt, now) }));
    if (problem) parts.push(problem);
    text.textContent = parts.join(' · ');
  };

  // The primary button says what it will do: a time in the future schedules.
  const schedule = document.getElementById('schedule-actions');
  if (schedule) schedule.hidden = true;
  const label = () => {
    if (primary.dataset.canPublish !== 'yes') return;
    const future =
      publishAt instanceof HTMLInputElement && publishAt.value !== '' && isLaterThere(publishAt.value, publishAt.dataset.timeZone || 'UTC', new Date());
    const [value, words] = future
      ? ['schedule', adminText('admin.editor.primary.schedule')]
      : status === 'published'
        ? ['publish', adminText('admin.editor.primary.update')]
        : ['publish', adminText('admin.editor.primary.publish')];
    primary.value = value;
    primary.textContent = words;
  };
  publishAt?.addEventListener('input', label);
  publishAt?.addEventListener('change', label);
  label();

  const post = async (url: string, body: URLSearchParams | FormData) => {
    const response = await fetch(url, { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': csrf } });
    const payload = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    return { ok: response.ok, status: response.status, payload };
  };

  /** A new story is saved once as a draft; from then on its text is autosaved onto it. */
  const createDraft = async () => {
    const body = new FormData(form);
    body.set('action', 'save');
    body.delete('hero_file');
    // Not form.action: the buttons named "action" shadow that property.
    const answer = await post(form.getAttribute('action') ?? '/admin/articles', body);
    const p = answer.payload;
    if (!answer.ok || !p || typeof p.id !== 'number') {
      const fields = p && typeof p.fields === 'object' && p.fields ? Object.entries(p.fields as Record<string, string>) : [];
      const error = p && typeof p.error === 'string' ? p.error : adminText('admin.editor.state.serverAnswered', { status: answer.status });
      problem = fields.length
        ? adminText('admin.editor.state.notCreated.field', { field: fields[0]![0], problem: fields[0]![1] })
        : adminText('admin.editor.state.notCreated', { reason: error });
      return;
    }
    form.dataset.articleId = String(p.id);
    form.setAttribute('action', `/admin/articles/${p.id}`);
    revision.value = String(p.revision);
    const slug = document.getElementById('f-slug');
    if (slug instanceof HTMLInputElement && typeof p.slug === 'string') {
      slug.value = p.slug;
      slug.readOnly = true;
    }
    history.replaceState(null, '', `/admin/articles/${p.id}`);
    savedAt = new Date();
    problem = null;
    baseline = snapshot(form);
  };

  const autosave = async () => {
    if (submitting) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      if (!articleId()) {
        const headline = (document.getElementById('f-headline') as HTMLTextAreaElement | null)?.value.trim() ?? '';
        if (headline && headlineDone) {
          creating = createDraft();
          await creating;
          creating = null;
        }
        return;
      }
      const body = new URLSearchParams();
      body.set('_csrf', csrf);
      body.set('revision', revision.value);
      for (const name of ['headline', 'standfirst', 'body_html', 'body_json']) {
        const field = form.elements.namedItem(name);
        if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) body.set(name, field.value);
      }
      const answer = await post(`/admin/articles/${articleId()}/autosave`, body);
      if (answer.ok && answer.payload) {
        autosavedAt = new Date();
        problem = answer.payload.stale === true ? adminText('admin.editor.state.stale') : null;
      } else {
        problem = answer.status === 401 ? adminText('admin.editor.state.sessionEnded') : adminText('admin.editor.state.refused');
      }
    } catch {
      problem = adminText('admin.editor.state.unreachable');
    } finally {
      inFlight = false;
      render();
      if (again) {
        again = false;
        soon();
      }
    }
  };

  let firstPending: number | null = null;
  const soon = () => {
    window.clearTimeout(timer);
    const now = Date.now();
    firstPending ??= now;
    const wait = Math.max(0, Math.min(AUTOSAVE_AFTER_MS, firstPending + AUTOSAVE_AT_LEAST_MS - now));
    timer = window.setTimeout(() => {
      firstPending = null;
      void autosave();
    }, wait);
  };

  const onChange = () => {
    render();
    soon();
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  form.addEventListener('mh:body-change', onChange);
  document.getElementById('f-headline')?.addEventListener('blur', () => {
    headlineDone = true;
    soon();
  });
  form.addEventListener('submit', (event) => {
    // The hero picker holds the submit back while its upload runs; it submits again afterwards.
    if (event.defaultPrevented) return;
    window.clearTimeout(timer);
    if (creating) {
      // Post to the story the draft save is creating, once it exists.
      event.preventDefault();
      const submitter = event.submitter instanceof HTMLButtonElement ? event.submitter : null;
      const pending = creating;
      void pending.finally(() => {
        creating = null;
        form.requestSubmit(submitter);
      });
      return;
    }
    submitting = true;
  });
  window.setInterval(render, 5000);
  render();
}
