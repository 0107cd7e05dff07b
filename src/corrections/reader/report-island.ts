/// <reference lib="dom" />
/**
 * "Report an error": readers select a passage of the story and press Ctrl+Enter (⌘+Enter), or tap
 * the small button that appears by the selection, and send a suggested correction.
 *
 * Contract with the article page (server-rendered; without JavaScript readers use the
 * "Suggest a correction" link to /articles/<slug>/report instead):
 * - `.story-body[data-report-article][data-report-revision]` holds the sanitized body HTML;
 * - `<template id="report-dialog-template">` holds the dialog, whose form is filled in here;
 * - `data-quote-headline`, `-url`, `-outlet` and `-max` on the body, if present, add the quote tool
 *   (quote-tool.ts) to the floating group.
 * The report is anchored against the body's text as the server's bodyText() makes it (see
 * dom-text.ts), so its position is an offset into that revision's `body_text`.
 * Text from the page only ever reaches the DOM through textContent.
 */
import { MAX_QUOTE_CHARS, quoteAt, type Anchor } from '../anchoring.js';
import { mapBodyText, type BodyTextMap } from './dom-text.js';
import { readQuoteSource } from './quotation.js';
import { mountQuoteTool } from './quote-tool.js';

const ENDPOINT = '/api/v1/corrections';
const SELECTION_SETTLE_MS = 150;
const CLOSE_AFTER_THANKS_MS = 1500;

/** The elements of the cloned dialog this island works with. */
interface ReportDialog {
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  quote: HTMLElement;
  suggestion: HTMLTextAreaElement;
  email: HTMLInputElement;
  website: HTMLInputElement;
  status: HTMLElement;
  send: HTMLButtonElement;
  cancel: HTMLButtonElement;
}

/** A selection inside the body, as the reader made it. */
interface Selected {
  anchor: Anchor;
  range: Range;
}

const body = document.querySelector<HTMLElement>('.story-body[data-report-article][data-report-revision]');
const template = document.getElementById('report-dialog-template');
/** The page's words for the island's own messages (data-msg-* on the template, in the page's language); English without them. */
function msg(name: string, fallback: string): string {
  return (template instanceof HTMLTemplateElement ? template.dataset[name] : undefined) || fallback;
}
if (body && template instanceof HTMLTemplateElement) mountReporting(body, template);

function mountReporting(storyBody: HTMLElement, template: HTMLTemplateElement): void {
  const article = storyBody.dataset.reportArticle ?? '';
  const revision = Number(storyBody.dataset.reportRevision);
  if (!article || !Number.isInteger(revision)) return;

  // The body does not change after load, so its text is mapped once, on first use.
  let textMap: BodyTextMap | null = null;
  let ui: ReportDialog | null = null;
  let current: Selected | null = null;
  let returnFocusTo: Element | null = null;
  let sending = false;
  let closeTimer: number | undefined;

  // The buttons by the selection float together: "Report an error", then "Quote" and its status.
  const group = document.createElement('div');
  group.className = 'report-floats';
  group.hidden = true;
  const button = createFloatingButton();
  group.append(button);
  storyBody.insertAdjacentElement('afterend', group);
  let offered: Selected | null = null;
  const source = readQuoteSource(storyBody.dataset);
  const clearQuoteStatus = source
    ? mountQuoteTool({
        storyBody,
        source,
        group,
        passage: () => offered?.anchor.quote.exact ?? null,
        onStatus: () => {
          if (!group.hidden && offered) placeNextTo(group, offered.range);
        },
        words: {
          button: msg('msgQuote', ''),
          label: msg('msgQuoteLabel', ''),
          copied: msg('msgQuoteCopied', ''),
          trimmed: msg('msgQuoteTrimmed', ''),
          failed: msg('msgQuoteFailed', ''),
        },
      })
    : () => undefined;

  function selectedPassage(): Selected | null {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = clampToBody(selection.getRangeAt(0), storyBody);
    if (!range) return null;
    textMap ??= mapBodyText(storyBody);
    const start = textMap.offsetOf(range.startContainer, range.startOffset, 'start');
    const end = textMap.offsetOf(range.endContainer, range.endOffset, 'end');
    const anchor = quoteAt(textMap.text, start, end);
    return anchor ? { anchor, range } : null;
  }

  function open(selected: Selected, opener: Element | null): void {
    ui ??= createDialog(template, { onSubmit: () => void send(), onClose: restore });
    if (!ui) return;
    window.clearTimeout(closeTimer);
    current = selected;
    returnFocusTo = opener;
    ui.quote.textContent = selected.anchor.quote.exact;
    const tooLong = selected.anchor.quote.exact.length > MAX_QUOTE_CHARS;
    ui.status.textContent = tooLong ? `That passage is too long: please select at most ${MAX_QUOTE_CHARS.toLocaleString('en')} characters.` : '';
    ui.send.disabled = tooLong;
    if (!ui.dialog.open) ui.dialog.showModal();
    ui.suggestion.focus();
  }

  /** After the dialog closes: give the reader back their selection and their place. */
  function restore(): void {
    window.clearTimeout(closeTimer);
    const selected = current;
    if (selected) {
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(selected.range);
    }
    if (returnFocusTo === button && selected) {
      offer(selected);
      button.focus();
    } else if (returnFocusTo instanceof HTMLElement && returnFocusTo.isConnected && returnFocusTo !== document.body) {
      returnFocusTo.focus();
    }
  }

  async function send(): Promise<void> {
    if (!ui || !current || sending) return;
    const { dialog, suggestion, email, website, status, send: sendButton } = ui;
    const text = suggestion.value.trim();
    if (!text) {
      status.textContent = msg('msgEmpty', 'Please say what is wrong, and what it should say.');
      suggestion.focus();
      return;
    }
    const { quote, position } = current.anchor;
    const payload = {
      article,
      revision,
      quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      position: { start: position.start, end: position.end },
      suggestion: text,
      ...(email.value.trim() ? { email: email.value.trim() } : {}),
      ...(website.value ? { website: website.value } : {}),
    };
    sending = true;
    sendButton.disabled = true;
    status.textContent = msg('msgSending', 'Sending…');
    try {
      const response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(payload),
      });
      if (response.ok) {
        status.textContent = msg('msgSent', 'Thank you. An editor will look at it.');
        suggestion.value = '';
        closeTimer = window.setTimeout(() => dialog.close(), CLOSE_AFTER_THANKS_MS);
      } else {
        status.textContent = await errorMessage(response);
      }
    } catch {
      status.textContent = msg('msgFailed', 'Your report could not be sent. Please check your connection and try again.');
    } finally {
      sending = false;
      sendButton.disabled = false;
    }
  }

  function offer(selected: Selected): void {
    // "Quotation copied" belongs to the passage it was said about.
    const { start, end } = selected.anchor.position;
    if (offered?.anchor.position.start !== start || offered.anchor.position.end !== end) clearQuoteStatus();
    offered = selected;
    group.hidden = false;
    placeNextTo(group, selected.range);
  }

  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the reader's selection
  button.addEventListener('click', () => {
    if (offered) open(offered, button);
  });

  // Text reflows when a phone turns or a window resizes: keep the button by the selection.
  window.addEventListener('resize', () => {
    if (!group.hidden && offered) placeNextTo(group, offered.range);
  });

  let settle: number | undefined;
  document.addEventListener('selectionchange', () => {
    window.clearTimeout(settle);
    settle = window.setTimeout(() => {
      if (ui?.dialog.open) return; // the dialog's own fields move the selection; the offer stays as it was
      const selected = selectedPassage();
      if (selected) offer(selected);
      else group.hidden = true;
    }, SELECTION_SETTLE_MS);
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.isComposing) return;
    if (ui?.dialog.open) {
      // Ctrl+Enter in the dialog sends, as in most message boxes.
      if (ui.dialog.contains(event.target as Node) && !sending) {
        event.preventDefault();
        ui.form.requestSubmit();
      }
      return;
    }
    const selected = selectedPassage();
    if (!selected) return;
    event.preventDefault();
    open(selected, document.activeElement);
  });
}

function createFloatingButton(): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'report-float';
  button.textContent = msg('msgButton', 'Report an error');
  button.setAttribute('aria-label', msg('msgButtonLabel', 'Report an error in the selected text'));
  return button;
}

/** Clones the dialog from its template into the page (once) and wires its form. Null if the template lacks a part. */
function createDialog(template: HTMLTemplateElement, handlers: { onSubmit: () => void; onClose: () => void }): ReportDialog | null {
  const fragment = template.content.cloneNode(true) as DocumentFragment;
  const dialog = fragment.querySelector('dialog');
  const form = fragment.querySelector('form');
  const quote = fragment.querySelector<HTMLElement>('.report-quote');
  const suggestion = fragment.querySelector('textarea');
  const email = fragment.querySelector<HTMLInputElement>('input[name="email"]');
  const website = fragment.querySelector<HTMLInputElement>('input[name="website"]');
  const status = fragment.querySelector<HTMLElement>('.report-status');
  const send = fragment.querySelector<HTMLButtonElement>('button[type="submit"]');
  const cancel = fragment.querySelector<HTMLButtonElement>('.report-cancel');
  if (!dialog || !form || !quote || !suggestion || !email || !website || !status || !send || !cancel) return null;
  document.body.append(fragment);
  form.addEventListener('submit', (event) => {
    event.preventDefault(); // method="dialog" would close it; the report goes by fetch instead
    handlers.onSubmit();
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', handlers.onClose);
  return { dialog, form, quote, suggestion, email, website, status, send, cancel };
}

/** The API's reader problems the page words for the island (data-msg-*); any other gets the page's general refusal. */
const PROBLEM_MESSAGES: Record<string, string> = {
  'problem.report.emptyQuote': 'msgEmptyQuote',
  'problem.report.notFound': 'msgNotFound',
  'error.missing.article': 'msgMissingArticle',
};

async function errorMessage(response: Response): Promise<string> {
  let said: { error?: unknown; problem?: unknown } = {};
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') said = body;
  } catch {
    // Not JSON (a proxy's error page): a message of our own.
  }
  // The API's words are English: shown only where the page gave none (an older or hand-made page).
  const english = typeof said.error === 'string' && said.error ? said.error : undefined;
  if (response.status === 429) return msg('msgTooMany', english ?? 'Too many reports from your connection. Please try again later.');
  const named = typeof said.problem === 'string' ? PROBLEM_MESSAGES[said.problem] : undefined;
  if (named && english) return msg(named, english);
  return msg('msgRejected', english ?? `Your report could not be sent (error ${response.status}). Please try again.`);
}

/** The part of the range inside the body, or null if there is none. */
function clampToBody(range: Range, storyBody: HTMLElement): Range | null {
  if (!range.intersectsNode(storyBody)) return null;
  const clamped = range.cloneRange();
  const whole = document.createRange();
  whole.selectNodeContents(storyBody);
  if (whole.comparePoint(clamped.startContainer, clamped.startOffset) < 0) clamped.setStart(storyBody, 0);
  if (whole.comparePoint(clamped.endContainer, clamped.endOffset) > 0) clamped.setEnd(storyBody, storyBody.childNodes.length);
  return clamped.collapsed ? null : clamped;
}

/** Puts the absolutely positioned group of buttons just below the end of the selection, inside the viewport's width. */
function placeNextTo(floating: HTMLElement, range: Range): void {
  const rects = range.getClientRects();
  const end = rects.length > 0 ? rects[rects.length - 1]! : range.getBoundingClientRect();
  // Coordinates are relative to the button's containing block: the nearest positioned ancestor, else the page.
  const parent = floating.offsetParent;
  let originX = -window.scrollX;
  let originY = -window.scrollY;
  if (parent instanceof HTMLElement && !(parent === document.body && getComputedStyle(parent).position === 'static')) {
    const box = parent.getBoundingClientRect();
    originX = box.left + parent.clientLeft - parent.scrollLeft;
    originY = box.top + parent.clientTop - parent.scrollTop;
  }
  const margin = 8;
  const maxLeft = document.documentElement.clientWidth - floating.offsetWidth - margin;
  const left = Math.max(margin, Math.min(end.right - floating.offsetWidth / 2, maxLeft));
  floating.style.left = `${Math.round(left - originX)}px`;
  floating.style.top = `${Math.round(end.bottom + margin - originY)}px`;
}
