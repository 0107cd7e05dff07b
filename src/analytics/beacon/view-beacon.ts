/// <reference lib="dom" />
/**
 * The view beacon: one POST per page load to our own origin, nothing stored in the browser. The
 * page (cached and shared by every reader) names what it shows in data attributes on this script's
 * element; the server adds nothing personal to it. Sent once the page is visible, so a tab opened in
 * the background and never looked at, or a prerendered page never shown, is not a view.
 */
const el = document.querySelector<HTMLScriptElement>('script[data-view-beacon]');
if (el && typeof navigator.sendBeacon === 'function') {
  const body = new URLSearchParams();
  if (el.dataset.article) body.set('a', el.dataset.article);
  if (el.dataset.section) body.set('s', el.dataset.section);
  if (document.referrer) body.set('r', document.referrer.slice(0, 1024));
  const url = el.dataset.viewBeacon || '/api/v1/view';
  let sent = false;
  const send = () => {
    if (sent || document.visibilityState !== 'visible') return;
    sent = true;
    document.removeEventListener('visibilitychange', send);
    navigator.sendBeacon(url, body);
  };
  send();
  if (!sent) document.addEventListener('visibilitychange', send);
}
