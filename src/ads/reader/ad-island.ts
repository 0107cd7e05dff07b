/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The ad island. The page HTML is shared by every logged-out reader (it is cached), so the choice of
 * creative is made here, in the browser: for each slot, one of its inert <template>s, by weight,
 * within its dates and under its daily cap (counted in localStorage only, `mh_ads_seen`). Then it
 * counts an impression once at least half the ad has been in view for a second, with a beacon to
 * our own origin that carries nothing but the campaign id.
 *
 * Each slot ends with `data-ad-state`: `shown`, `empty` (nothing to show, hidden on purpose) or
 * `patron` (the patron hint cookie). The separate check script reads it: a slot without a state
 * means this script never ran.
 */
import { pickCreative, recordShowing, type Candidate, type Seen } from './pick.js';

const SEEN_KEY = 'mh_ads_seen';
const IN_VIEW_MS = 1000;

function readSeen(): Seen {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Seen) : {};
  } catch {
    return {};
  }
}

function writeSeen(seen: Seen): void {
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify(seen));
  } catch {
    // Storage refused: the cap cannot hold across pages, and that is the reader's choice.
  }
}

const isPatron = () => document.cookie.split(';').some((c) => c.trim() === 'mh_patron=1');

function candidateOf(t: HTMLTemplateElement): Candidate | null {
  const id = Number(t.dataset.adId);
  const startsMs = Date.parse(t.dataset.starts ?? '');
  if (!Number.isInteger(id) || Number.isNaN(startsMs)) return null;
  const ends = t.dataset.ends ? Date.parse(t.dataset.ends) : NaN;
  const cap = t.dataset.cap ? Number(t.dataset.cap) : NaN;
  return { id, weight: Number(t.dataset.weight ?? '1') || 1, startsMs, endsMs: Number.isNaN(ends) ? null : ends, cap: Number.isNaN(cap) ? null : cap };
}

function countWhenSeen(slot: HTMLElement, id: number): void {
  if (!('IntersectionObserver' in window)) return;
  let timer: number | undefined;
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      if (entry && entry.isIntersecting && entry.intersectionRatio >= 0.5) {
        timer ??= window.setTimeout(() => {
          observer.disconnect();
          navigator.sendBeacon('/ads/impression', new URLSearchParams({ id: String(id) }));
        }, IN_VIEW_MS);
      } else if (timer !== undefined) {
        window.clearTimeout(timer);
        timer = undefined;
      }
    },
    { threshold: [0, 0.5, 1] },
  );
  observer.observe(slot);
}

export function initAds(now = Date.now(), random = Math.random): void {
  const slots = [...document.querySelectorAll<HTMLElement>('[data-ad-slot]')];
  if (isPatron()) {
    for (const slot of slots) slot.dataset.adState = 'patron';
    return;
  }
  let seen = readSeen();
  const onPage = new Set<number>();
  for (const slot of slots) {
    const templates = new Map<number, HTMLTemplateElement>();
    const candidates: Candidate[] = [];
    for (const t of slot.querySelectorAll<HTMLTemplateElement>('template[data-ad-id]')) {
      const c = candidateOf(t);
      if (c) {
        candidates.push(c);
        templates.set(c.id, t);
      }
    }
    const chosen = pickCreative(candidates, { nowMs: now, seen, random, exclude: onPage });
    const target = slot.querySelector<HTMLElement>('.ad-creative');
    if (!chosen || !target) {
      slot.dataset.adState = 'empty';
      continue;
    }
    onPage.add(chosen.id);
    seen = recordShowing(seen, chosen.id, now);
    target.replaceChildren(templates.get(chosen.id)!.content.cloneNode(true));
    for (const img of target.querySelectorAll('img')) img.addEventListener('error', () => (slot.dataset.adImage = 'failed'));
    slot.dataset.adId = String(chosen.id);
    slot.dataset.adState = 'shown';
    slot.hidden = false;
    countWhenSeen(slot, chosen.id);
  }
  writeSeen(seen);
}

initAds();
