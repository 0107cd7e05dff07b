/// <reference lib="dom" />
import { Extension, type Extensions } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';
import { isKeptHref, parseLinkInput } from './link-url.js';

/**
 * Paragraphs keep one class, "inline-related", which Markdown bodies put on "Related:" lines and
 * the article stylesheet sets apart. Without this the editor would silently drop it on the first save.
 */
const InlineRelated = Extension.create({
  name: 'inlineRelated',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          class: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element) => (element.classList.contains('inline-related') ? 'inline-related' : null),
            renderHTML: (attributes) => (attributes.class === 'inline-related' ? { class: 'inline-related' } : {}),
          },
        },
      },
    ];
  },
});

/**
 * The article body's schema. It stays inside what the server's sanitizer keeps
 * (src/articles/article-body.ts): no underline (<u> is dropped there), no h1 (the page has it),
 * links only to http, https, mailto or same-site paths, images only by URL (never pasted data:).
 */
export function articleExtensions(options: { onLinkShortcut: () => void }): Extensions {
  const LinkShortcut = Extension.create({
    name: 'linkShortcut',
    addKeyboardShortcuts() {
      return {
        'Mod-k': () => {
          options.onLinkShortcut();
          return true;
        },
      };
    },
  });

  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      underline: false,
      // It appends an empty paragraph on the first click into a body that ends in a list or image: a change
      // the writer never made, which would mark a pristine page unsaved and publish a stray <p></p>.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        // Editorial links are ours to vouch for: no nofollow, and no new tabs forced on readers.
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isKeptHref(url),
        shouldAutoLink: (url) => parseLinkInput(url).ok,
      },
    }),
    Image.configure({ inline: false, allowBase64: false }),
    InlineRelated,
    LinkShortcut,
  ];
}
