/// <reference lib="dom" />
/**
 * The text of a rendered article body, made in the browser exactly as bodyText() in
 * src/articles/article-body.ts makes it on the server from the same HTML, so that offsets computed
 * here are offsets into `articles.body_text`:
 * - a new block starts at the start and at the end of each BLOCK element (and of <br>, <hr>);
 * - within a block, text nodes are joined, every whitespace run becomes one space (JavaScript's
 *   \s, as on the server: NBSP included), and the block is trimmed;
 * - empty blocks are dropped, and the rest joined with "\n\n".
 * The browser test checks this against bodyText() on a body that uses every block element.
 */

/** Elements at whose start and end bodyText() starts a new block: keep in step with BLOCK in article-body.ts. */
const BLOCK = new Set(['p', 'h2', 'h3', 'h4', 'blockquote', 'li', 'pre', 'figcaption', 'hr', 'br', 'ul', 'ol', 'figure']);
const WHITESPACE = /\s/;

export interface BodyTextMap {
  /** The body's text, as bodyText() gives it. */
  text: string;
  /**
   * The text offset of a DOM boundary point inside the body. A point between two blocks
   * resolves forward to the next block's start ('start') or back to the previous block's end ('end').
   */
  offsetOf(node: Node, offset: number, side: 'start' | 'end'): number;
}

interface Block {
  /** Text offset of the block's first character; for an empty block, the length of the text before it. */
  base: number;
  /** For each offset r into the block's raw (uncollapsed) text: the offset into its collapsed text. */
  collapsedAt: Int32Array;
}

interface Placed {
  block: Block;
  /** Where this text node's data begins in its block's raw text. */
  rawStart: number;
}

/** Walks the body once and returns its text with a map from DOM positions to text offsets. */
export function mapBodyText(root: Element): BodyTextMap {
  const parts: string[] = [];
  let length = 0;
  const textNodes: Text[] = [];
  const placed = new Map<Text, Placed>();
  let pending: { node: Text; rawStart: number }[] = [];
  let raw = '';

  const flush = () => {
    const { text, collapsedAt } = collapse(raw);
    const base = text ? length + (parts.length > 0 ? 2 : 0) : length;
    if (text) {
      parts.push(text);
      length = base + text.length;
    }
    const block = { base, collapsedAt };
    for (const p of pending) placed.set(p.node, { block, rawStart: p.rawStart });
    pending = [];
    raw = '';
  };

  const walk = (parent: Node) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const node = child as Text;
        textNodes.push(node);
        pending.push({ node, rawStart: raw.length });
        raw += node.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        // Not the story's words (an ad slot placed inside the body): bodyText() on the server never saw it.
        if ((child as Element).hasAttribute('data-not-body')) continue;
        const isBlock = BLOCK.has((child as Element).localName);
        if (isBlock) flush();
        walk(child);
        if (isBlock) flush();
      }
    }
  };
  walk(root);
  flush();
  const text = parts.join('\n\n');

  const offsetInText = (node: Text, offset: number): number => {
    const p = placed.get(node)!;
    return p.block.base + p.block.collapsedAt[p.rawStart + Math.min(offset, node.data.length)]!;
  };

  return {
    text,
    offsetOf(node, offset, side) {
      if (node.nodeType === Node.TEXT_NODE && placed.has(node as Text)) return offsetInText(node as Text, offset);
      // A point between nodes: find the nearest text node after it ('start') or before it ('end').
      const point = document.createRange();
      point.setStart(node, offset);
      if (side === 'start') {
        const i = firstIndex(textNodes, (t) => point.comparePoint(t, 0) >= 0);
        return i < textNodes.length ? offsetInText(textNodes[i]!, 0) : text.length;
      }
      const i = firstIndex(textNodes, (t) => point.comparePoint(t, t.data.length) > 0) - 1;
      return i >= 0 ? offsetInText(textNodes[i]!, textNodes[i]!.data.length) : 0;
    },
  };
}

/** Collapses whitespace runs to one space and trims, as bodyText() does, remembering where each raw offset went. */
function collapse(raw: string): { text: string; collapsedAt: Int32Array } {
  const collapsedAt = new Int32Array(raw.length + 1);
  let text = '';
  let spaceOwed = false;
  for (let r = 0; r < raw.length; r++) {
    // Offsets inside a whitespace run resolve to the collapsed text before the run's space.
    collapsedAt[r] = text.length;
    const ch = raw[r]!;
    if (WHITESPACE.test(ch)) {
      spaceOwed = true;
    } else {
      if (spaceOwed && text) text += ' ';
      collapsedAt[r] = text.length;
      text += ch;
      spaceOwed = false;
    }
  }
  collapsedAt[raw.length] = text.length;
  return { text, collapsedAt };
}

/** The first index whose item passes `test`, for a test that is false then true along the array (binary search). */
function firstIndex<T>(items: T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(items[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
