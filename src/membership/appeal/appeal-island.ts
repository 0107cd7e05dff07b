/**
 * The support appeal's island. The article HTML is the same for every logged-out reader (it is
 * cached), so the personal decision is made here, in the reader's browser, from first-party storage
 * only: the appeal ships hidden, and this script shows it unless the reader is a patron (hint
 * cookie), dismissed it within the configured days, or has not yet read enough stories.
 */

const VIEWS_KEY = 'mh.appeal.stories';
const DISMISSED_KEY = 'mh.appeal.dismissedUntil';
const MAX_REMEMBERED = 50;

interface Store {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** localStorage, or a stand-in that forgets on reload when storage is blocked. */
function storage(): Store {
  try {
    const ls = window.localStorage;
    ls.setItem('mh.probe', '1');
    ls.removeItem('mh.probe');
    return { get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v) };
  } catch {
    const memory = new Map<string, string>();
    return { get: (k) => memory.get(k) ?? null, set: (k, v) => void memory.set(k, v) };
  }
}

/** The stories this browser has opened (paths, most recent last), with this one added. */
function recordStory(store: Store, path: string): string[] {
  let seen: string[] = [];
  try {
    const parsed: unknown = JSON.parse(store.get(VIEWS_KEY) ?? '[]');
    if (Array.isArray(parsed)) seen = parsed.filter((p): p is string => typeof p === 'string');
  } catch {
    seen = [];
  }
  seen = seen.filter((p) => p !== path);
  seen.push(path);
  if (seen.length > MAX_REMEMBERED) seen = seen.slice(-MAX_REMEMBERED);
  store.set(VIEWS_KEY, JSON.stringify(seen));
  return seen;
}

const isPatron = () => document.cookie.split(';').some((c) => c.trim() === 'mh_patron=1');

export function initAppeal(el: HTMLElement, now = Date.now()): void {
  if (isPatron()) return;
  const store = storage();
  const stories = recordStory(store, location.pathname);
  const skip = Number(el.dataset.appealSkip ?? '0');
  const days = Number(el.dataset.appealDismissDays ?? '30');
  const dismissedUntil = Number(store.get(DISMISSED_KEY) ?? '0');
  if (stories.length <= skip || now < dismissedUntil) return;
  el.hidden = false;
  const dismiss = el.querySelector<HTMLButtonElement>('.appeal-dismiss');
  if (!dismiss) return;
  dismiss.hidden = false;
  dismiss.addEventListener('click', () => {
    store.set(DISMISSED_KEY, String(Date.now() + days * 86_400_000));
    el.hidden = true;
    // Keep keyboard users where they were: on the content after the appeal.
    const next = el.nextElementSibling ?? el.parentElement?.nextElementSibling;
    if (next instanceof HTMLElement) {
      next.tabIndex = -1;
      next.focus();
    }
  });
}

const el = document.getElementById('support-appeal');
if (el) initAppeal(el);
