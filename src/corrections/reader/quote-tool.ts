/// <reference lib="dom" />
/**
 * The quote tool: a "Quote" button in the floating group by a selection copies the passage, cut to
 * the reprint policy's limit, with a link back; and a long passage copied by hand (Ctrl+C) gets a
 * source line appended, its own text left as it was.
 */
import { formatQuotation, isLongPassage, withSourceLine, type QuoteSource } from './quotation.js';

interface QuoteToolOptions {
  storyBody: HTMLElement;
  source: QuoteSource;
  /** The floating group by the selection, which the button and its status join. */
  group: HTMLElement;
  /** The selected passage as the body's text (blocks apart), or null if nothing in the body is selected. */
  passage: () => string | null;
  /** Called after the status changes size, to put the group back by the selection. */
  onStatus: () => void;
  /** The page's words (its language) for the button and its status; English without them. */
  words?: Partial<QuoteWords>;
}

export interface QuoteWords {
  button: string;
  label: string;
  copied: string;
  /** Already filled with the limit by the page. */
  trimmed: string;
  failed: string;
}

/** Adds the "Quote" button and its status to the group, and the source line to long copies. Returns a function that clears the status. */
export function mountQuoteTool(options: QuoteToolOptions): () => void {
  const { storyBody, source, group, passage, onStatus } = options;
  const words: QuoteWords = {
    button: 'Quote',
    label: 'Copy a quotation with a link',
    copied: 'Quotation copied',
    trimmed: `Quotation copied, trimmed to ${source.max.toLocaleString('en')} characters`,
    failed: 'The quotation could not be copied. Please copy the text by hand.',
  };
  for (const [k, v] of Object.entries(options.words ?? {})) if (v) words[k as keyof QuoteWords] = v;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'report-float quote-float';
  button.textContent = words.button;
  button.setAttribute('aria-label', words.label);
  const status = document.createElement('p');
  status.className = 'quote-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  group.append(button, status);

  const say = (message: string) => {
    status.textContent = message;
    onStatus();
  };

  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the reader's selection
  button.addEventListener('click', () => {
    const text = passage();
    if (!text) return;
    const { plain, html, trimmed } = formatQuotation(text, source);
    const copied = trimmed ? words.trimmed : words.copied;
    // The ClipboardItem is made here, inside the click, where Safari requires it.
    writeClipboard(plain, html).then(
      () => say(copied),
      () => say(words.failed),
    );
  });

  document.addEventListener('copy', (event) => {
    const copy = longCopyInside(storyBody);
    if (!copy || !event.clipboardData) return;
    const { plain, html } = withSourceLine(copy, source);
    event.clipboardData.setData('text/plain', plain);
    event.clipboardData.setData('text/html', html);
    event.preventDefault(); // else the browser writes its own copy over ours
  });

  return () => {
    status.textContent = '';
  };
}

function writeClipboard(plain: string, html: string): Promise<void> {
  if (!navigator.clipboard) return Promise.reject(new Error('no clipboard (not a secure context)'));
  if (typeof ClipboardItem === 'undefined') return navigator.clipboard.writeText(plain);
  const item = new ClipboardItem({
    'text/html': new Blob([html], { type: 'text/html' }),
    'text/plain': new Blob([plain], { type: 'text/plain' }),
  });
  return navigator.clipboard.write([item]);
}

/**
 * The selection's text and markup, if it lies wholly inside the body and is long enough for a
 * source line; null otherwise, and the browser copies as it always does.
 */
function longCopyInside(storyBody: HTMLElement): { text: string; html: string } | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount !== 1 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!storyBody.contains(range.commonAncestorContainer)) return null;
  // Selection.toString() lays out blocks as the browser's own copy does; Range.toString() would run them together.
  const text = selection.toString();
  if (!isLongPassage(text)) return null;
  // Only read back, never written: the fragment is a piece of the body's own sanitized HTML.
  const holder = document.createElement('div');
  holder.append(range.cloneContents());
  return { text, html: holder.innerHTML };
}
