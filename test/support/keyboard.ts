import type { Locator, Page } from 'playwright-core';

/** What is focused now, in words a failure message can show, and whether it draws a focus indicator. */
export async function focused(page: Page): Promise<{ what: string; ring: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', ring: true };
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    const s = getComputedStyle(el);
    // A ring is an outline or a box-shadow that the browser actually paints.
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
    return { what: outline || shadow ? what : `${what} (outline ${s.outlineStyle} ${s.outlineWidth}, shadow ${s.boxShadow})`, ring: outline || shadow };
  });
}

/**
 * Presses Tab (Shift+Tab when `back`) until `target` has focus, as a keyboard user moves through a page.
 * Every stop on the way must show a focus indicator; `noRing` collects the ones that did not. Throws
 * when `target` is not reached within `max` presses: it is not in the tab order, or focus is trapped.
 */
export async function tabTo(page: Page, target: Locator, opts: { max?: number; back?: boolean; noRing?: string[] } = {}): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < (opts.max ?? 120); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    path.push(now.what);
    if (!now.ring && now.what !== 'body') opts.noRing?.push(`${page.url()} ${now.what}`);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${String(target)}; it went through: ${path.join(' → ')}`);
}
