/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Notices, politely, when a content blocker keeps this outlet's own ads from the reader, and then
 * shows the newsroom's note (`[data-adblock-notice]`) once, until dismissed for N days.
 *
 * It is served from an innocuous path and names nothing ad-like, so filter lists leave it alone,
 * while the slots and the ad island are ad-like on purpose. After the page has loaded it looks at
 * each slot: the ad island never ran (a NETWORK rule blocked /ads/…), the slot or its creative is
 * hidden (a COSMETIC rule on .ad-slot, .advertisement, [class^="ad-"]), or the creative's image
 * failed to load. Slots the island left empty on purpose (nothing to show, frequency caps) and
 * patrons (the mh_patron hint) never count.
 */

const DISMISSED_KEY = 'mh_adblock_dismissed_until';

export type SlotVerdict = 'blocked' | 'fine' | 'ignore';

/** Whether one slot was kept from the reader. */
export function judgeSlot(slot: HTMLElement): SlotVerdict {
  const state = slot.dataset.adState;
  if (state === 'empty' || state === 'patron') return 'ignore';
  if (state !== 'shown') return 'blocked';
  if (slot.dataset.adImage === 'failed') return 'blocked';
  const style = getComputedStyle(slot);
  if (style.display === 'none' || style.visibility === 'hidden' || slot.offsetHeight === 0 || slot.offsetWidth === 0) return 'blocked';
  const creative = slot.querySelector<HTMLElement>('.ad-creative');
  if (creative && (creative.offsetHeight === 0 || getComputedStyle(creative).visibility === 'hidden')) return 'blocked';
  for (const img of slot.querySelectorAll('img')) if (img.complete && img.naturalWidth === 0) return 'blocked';
  return 'fine';
}

function dismissedUntil(): number {
  try {
    return Number(localStorage.getItem(DISMISSED_KEY) ?? '0') || 0;
  } catch {
    return 0;
  }
}

export function checkPage(now = Date.now()): void {
  const note = document.querySelector<HTMLElement>('[data-adblock-notice]');
  const slots = [...document.querySelectorAll<HTMLElement>('[data-ad-slot]')];
  if (!note || slots.length === 0) return;
  if (document.cookie.split(';').some((c) => c.trim() === 'mh_patron=1')) return;
  if (now < dismissedUntil()) return;
  if (!slots.some((s) => judgeSlot(s) === 'blocked')) return;
  note.hidden = false;
  const days = Number(note.dataset.dismissDays ?? '30') || 30;
  note.querySelector<HTMLButtonElement>('.reader-note-dismiss')?.addEventListener('click', () => {
    try {
      localStorage.setItem(DISMISSED_KEY, String(Date.now() + days * 86_400_000));
    } catch {
      // Storage refused: the note goes for this page only.
    }
    note.hidden = true;
    const next = note.nextElementSibling;
    if (next instanceof HTMLElement) {
      next.tabIndex = -1;
      next.focus();
    }
  });
}

// After load, so a blocked script or image has failed by then; one more tick for late image errors.
const run = () => window.setTimeout(() => checkPage(), 300);
if (document.readyState === 'complete') run();
else window.addEventListener('load', run, { once: true });
