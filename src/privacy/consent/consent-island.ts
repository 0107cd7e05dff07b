/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The consent island. Pages are cached and shared, so every page that may need consent carries the
 * same hidden banner and the outside scripts as inert `<script type="text/plain">` elements. This
 * script, served from our origin, decides in the reader's browser: it shows the banner when no
 * choice is remembered for this list of scripts, and turns the inert elements into real ones only
 * after the reader allows them. The choice stays in this browser (localStorage `mh_consent`).
 */

const KEY = 'mh_consent';

type Choice = 'accepted' | 'rejected';

function readChoice(version: string): Choice | null {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? 'null');
    if (raw && typeof raw === 'object' && (raw as { version?: unknown }).version === version) {
      const choice = (raw as { choice?: unknown }).choice;
      if (choice === 'accepted' || choice === 'rejected') return choice;
    }
  } catch {
    // Blocked or corrupt storage: ask again.
  }
  return null;
}

function saveChoice(choice: Choice, version: string): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ choice, version, at: new Date().toISOString() }));
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}

let loaded = false;

/** Replaces each inert script with a live one (once per page). */
function loadScripts(): void {
  if (loaded) return;
  loaded = true;
  for (const inert of document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-consent-src]')) {
    const live = document.createElement('script');
    live.src = inert.dataset.consentSrc!;
    live.async = true;
    inert.replaceWith(live);
  }
}

function describe(choice: Choice | null): string {
  if (choice === 'accepted') return 'You allowed these scripts in this browser.';
  if (choice === 'rejected') return 'You refused these scripts in this browser. None of them loads.';
  return 'You have not chosen yet. None of these scripts loads until you allow it.';
}

export function initConsent(): void {
  const banner = document.getElementById('consent-banner');
  const version = banner?.dataset.consentVersion;
  if (!banner || !version) return;
  const panel = document.getElementById('consent-choice');
  const status = panel?.querySelector<HTMLElement>('[data-consent-status]') ?? null;
  let choice = readChoice(version);

  const apply = () => {
    banner.hidden = choice !== null;
    // Room under the footer while the banner is up, so it never hides the end of the page.
    document.documentElement.classList.toggle('consent-asking', choice === null);
    if (panel) panel.hidden = false;
    if (status) status.textContent = describe(choice);
    if (choice === 'accepted') loadScripts();
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-consent]')) {
    button.addEventListener('click', () => {
      choice = button.dataset.consent === 'accept' ? 'accepted' : 'rejected';
      saveChoice(choice, version);
      apply();
      if (choice === 'rejected' && loaded && status) status.textContent += ' Scripts already running stop when you next load a page.';
    });
  }
  apply();
}

initConsent();
