/// <reference lib="dom" />
import type { JSONContent } from '@tiptap/core';

/** What we keep in localStorage: the document and when it was last written. */
export interface Draft {
  savedAt: string;
  doc: JSONContent;
}

const PREFIX = 'masthead:draft:';

/**
 * Unsubmitted editor work, one entry per article revision. Storage can be full, disabled or
 * blocked (private modes): every call degrades to "no draft" rather than breaking the editor.
 */
export class DraftStore {
  private readonly key: string;
  private readonly storage: Storage | null;

  constructor(draftKey: string) {
    this.key = PREFIX + draftKey;
    this.storage = openStorage();
  }

  /** The stored draft, or null when there is none or it is unreadable (an unreadable one is removed). */
  load(): Draft | null {
    const raw = this.read();
    if (raw === null) return null;
    try {
      const value: unknown = JSON.parse(raw);
      if (isDraft(value)) return value;
    } catch {
      // Fall through: a corrupt entry is worth nothing to the writer.
    }
    this.clear();
    return null;
  }

  save(doc: JSONContent, now: Date): void {
    const draft: Draft = { savedAt: now.toISOString(), doc };
    try {
      this.storage?.setItem(this.key, JSON.stringify(draft));
    } catch {
      // Quota exceeded or storage revoked: the form fields still hold the work.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Nothing to clear if storage is gone.
    }
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(this.key) ?? null;
    } catch {
      return null;
    }
  }
}

/** Whether a value looks like a Tiptap document (the schema check happens when it is loaded). */
export function isTiptapDoc(value: unknown): value is JSONContent {
  return typeof value === 'object' && value !== null && (value as JSONContent).type === 'doc' && Array.isArray((value as JSONContent).content);
}

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<Draft>;
  return typeof draft.savedAt === 'string' && !Number.isNaN(Date.parse(draft.savedAt)) && isTiptapDoc(draft.doc);
}

function openStorage(): Storage | null {
  try {
    // Reading the property itself throws when the site's storage is blocked.
    return window.localStorage;
  } catch {
    return null;
  }
}
