/// <reference lib="dom" />
import type { Editor, JSONContent } from '@tiptap/core';
import type { DraftStore } from './draft-store.js';
import { adminText } from './editor-text.js';

// Long enough not to serialise the document on every keystroke, short enough that a crash loses a word at most.
const SAVE_DELAY_MS = 400;

/**
 * Never lose typing: every change is saved to the browser until the form is submitted, a leave
 * with unsubmitted changes asks first, and a draft left from an earlier visit is offered back.
 * Returns the "unsaved changes" bar to show above the editor, or null when there is nothing to offer.
 */
export function keepDrafts(options: {
  editor: Editor;
  form: HTMLFormElement;
  drafts: DraftStore;
  /** JSON.stringify of the document the server sent, as the editor serialises it. */
  serverJson: string;
  /** The stored draft as the editor would serialise it (null if none or unusable). */
  offered: { savedAt: Date; doc: JSONContent } | null;
  announce: (message: string) => void;
}): HTMLElement | null {
  const { editor, form, drafts, announce } = options;
  // Set by any edit; confirmed against the server's document only when leaving, to keep typing cheap.
  let unsubmitted = false;
  let timer: number | undefined;

  const saveNow = () => {
    window.clearTimeout(timer);
    timer = undefined;
    drafts.save(editor.getJSON(), new Date());
  };
  const flush = () => {
    if (timer !== undefined) saveNow();
  };

  editor.on('update', () => {
    unsubmitted = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(saveNow, SAVE_DELAY_MS);
  });
  form.addEventListener('submit', (event) => {
    const submitter = event.submitter as HTMLButtonElement | HTMLInputElement | null;
    const target = submitter?.formTarget || form.target;
    // A cancelled submit, or one into another window (a preview), leaves this page's work unsubmitted.
    if (event.defaultPrevented || (target !== '' && target !== '_self')) return;
    window.clearTimeout(timer);
    timer = undefined;
    drafts.clear();
    unsubmitted = false;
  });
  window.addEventListener('beforeunload', (event) => {
    flush();
    // Typing and then undoing it all leaves nothing to lose.
    if (!unsubmitted || JSON.stringify(editor.getJSON()) === options.serverJson) return;
    event.preventDefault();
    // Older Chromium shows the prompt only when returnValue is set.
    event.returnValue = '';
  });
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });

  const offered = options.offered;
  if (offered === null) return null;
  return draftNotice({
    savedAt: offered.savedAt,
    onRestore: () => {
      // Undoable: Undo brings back what the server sent.
      editor.chain().setContent(offered.doc).focus('end').run();
      announce(adminText('admin.editor.draft.restored'));
    },
    onDiscard: () => {
      drafts.clear();
      editor.commands.focus();
      announce(adminText('admin.editor.draft.discarded'));
    },
  });
}

/** "You have unsaved changes from <time>. Restore | Discard"; the bar removes itself after either choice. */
function draftNotice(options: { savedAt: Date; onRestore: () => void; onDiscard: () => void }): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'mh-editor-draft';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', adminText('admin.editor.draft.region'));

  const message = document.createElement('p');
  const time = document.createElement('time');
  time.dateTime = options.savedAt.toISOString();
  time.textContent = formatSavedAt(options.savedAt, new Date());
  message.append(...adminText('admin.editor.draft.message', { time }));

  const choice = (text: string, handler: () => void) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.addEventListener('click', () => {
      bar.remove();
      handler();
    });
    return button;
  };
  bar.append(message, choice(adminText('admin.editor.draft.restore'), options.onRestore), choice(adminText('admin.editor.draft.discard'), options.onDiscard));
  return bar;
}

/** "14:05" today, "3 Mar 2026, 14:05" on another day, in the writer's own locale. */
function formatSavedAt(savedAt: Date, now: Date): string {
  const sameDay = savedAt.toDateString() === now.toDateString();
  return savedAt.toLocaleString(undefined, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' });
}
