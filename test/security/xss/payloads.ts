/**
 * Masthead's XSS corpus: payloads written for this codebase's inputs, from the public categories of
 * attack. Each one, if it ever runs, calls `alert(N)` with its own number (the `§` below), so the
 * crawl (xss-crawl.browser.test.ts) can tell which payload got through and where. Some fetch
 * /xss-hit?id=N instead, for contexts where a dialog would not open (workers, beacons).
 *
 * Categories: element and attribute injection, URL schemes (javascript:, data:, vbscript:, srcdoc),
 * SVG and MathML, mutation XSS through parser differentials (noscript, style, template, textarea,
 * title, comments, CDATA), encoded variants (entities, mixed case, control characters inside
 * schemes, full-width and zero-width characters), and breaking out of JSON and text inside
 * <script> (JSON-LD, island data) or out of attributes and CSS.
 */

interface Raw {
  category: string;
  /** `§` becomes alert(N); `#` becomes N (for fetch('/xss-hit?id=#')). */
  text: string;
}

const RAW: Raw[] = [
  // Element injection.
  { category: 'element', text: '<script>§</script>' },
  { category: 'element', text: '<ScRiPt>§</sCrIpT>' },
  { category: 'element', text: '<script src="data:text/javascript,§"></script>' },
  { category: 'element', text: "<script>fetch('/xss-hit?id=#')</script>" },
  { category: 'element', text: '<img src=x onerror=§>' },
  { category: 'element', text: '<img src="x" onerror="§">' },
  { category: 'element', text: '<IMG SRC=x OnErRoR=§>' },
  { category: 'element', text: '<img/src=x/onerror=§>' },
  { category: 'element', text: '<img src=x onerror\n=§>' },
  { category: 'element', text: '<body onload=§>' },
  { category: 'element', text: '<details open ontoggle=§>' },
  { category: 'element', text: '<video><source onerror=§></video>' },
  { category: 'element', text: '<audio src=x onerror=§>' },
  { category: 'element', text: '<input autofocus onfocus=§>' },
  { category: 'element', text: '<select autofocus onfocus=§></select>' },
  { category: 'element', text: '<textarea autofocus onfocus=§></textarea>' },
  { category: 'element', text: '<marquee onstart=§>news</marquee>' },
  { category: 'element', text: '<div onpointerenter=§ onmouseover=§>hover</div>' },
  { category: 'element', text: '<p onclick=§ id=xss>tap</p>' },
  { category: 'element', text: '<iframe src="javascript:§"></iframe>' },
  { category: 'element', text: '<iframe srcdoc="<script>parent.§</script>"></iframe>' },
  { category: 'element', text: '<iframe srcdoc="&lt;img src=x onerror=parent.§&gt;"></iframe>' },
  { category: 'element', text: '<object data="javascript:§"></object>' },
  { category: 'element', text: '<embed src="javascript:§">' },
  { category: 'element', text: '<object data="data:text/html,<script>§</script>"></object>' },
  { category: 'element', text: '<base href="javascript:§//">' },
  { category: 'element', text: '<meta http-equiv="refresh" content="0;url=javascript:§">' },
  { category: 'element', text: '<link rel=import href="data:text/html,<script>§</script>">' },
  { category: 'element', text: '<form action="javascript:§"><button>Send</button></form>' },
  { category: 'element', text: '<button formaction="javascript:§">Go</button>' },
  { category: 'element', text: '<isindex type=image src=x onerror=§>' },
  { category: 'element', text: '<keygen autofocus onfocus=§>' },
  { category: 'element', text: '<style onload=§></style>' },
  { category: 'element', text: '<x contenteditable onfocus=§ autofocus>edit</x>' },

  // Attribute breakouts: text that lands inside value="…", alt, title, href or a data- attribute.
  { category: 'attribute', text: '"><img src=x onerror=§>' },
  { category: 'attribute', text: "'><img src=x onerror=§>" },
  { category: 'attribute', text: '" onmouseover="§" x="' },
  { category: 'attribute', text: "' onfocus='§' autofocus='" },
  { category: 'attribute', text: '" autofocus onfocus=§ "' },
  { category: 'attribute', text: '`><img src=x onerror=§>' },
  { category: 'attribute', text: '"/><svg onload=§>' },
  { category: 'attribute', text: '" style="background:url(javascript:§)' },
  { category: 'attribute', text: '/x"onerror="§' },
  { category: 'attribute', text: '/media/x"/onerror="§"' },

  // URL schemes where a link, an image or a frame takes a reader's text.
  { category: 'url', text: 'javascript:§' },
  { category: 'url', text: 'JaVaScRiPt:§' },
  { category: 'url', text: ' javascript:§' },
  { category: 'url', text: 'java\tscript:§' },
  { category: 'url', text: 'java\nscript:§' },
  { category: 'url', text: 'java\u0000script:§' },
  { category: 'url', text: '\u0001javascript:§' },
  { category: 'url', text: 'javascript&colon;§' },
  { category: 'url', text: '&#106;avascript:§' },
  { category: 'url', text: '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;§' },
  { category: 'url', text: 'jav&#x09;ascript:§' },
  { category: 'url', text: 'javascript://%0a§' },
  { category: 'url', text: 'vbscript:§' },
  { category: 'url', text: 'data:text/html,<script>§</script>' },
  { category: 'url', text: 'data:text/html;base64,PHNjcmlwdD5hbGVydCg5OSk8L3NjcmlwdD4=' },
  { category: 'url', text: 'data:image/svg+xml,<svg onload=§>' },
  { category: 'url', text: 'https://example.org/"><script>§</script>' },
  { category: 'url', text: 'https://example.org/?q="onmouseover="§' },
  { category: 'url', text: '<a href="javascript:§">Read more</a>' },
  { category: 'url', text: '<a href=" &#14; javascript:§">Spaced</a>' },
  { category: 'url', text: '<a href="jav&#x0A;ascript:§">Newline</a>' },
  { category: 'url', text: '<a href="JAVASCRIPT&#58;§">Colon</a>' },
  { category: 'url', text: '<a href="data:text/html,<script>§</script>">Data</a>' },
  { category: 'url', text: '<img src="javascript:§">' },
  { category: 'url', text: '[Read the report](javascript:§)' },
  { category: 'url', text: '[Spaced](  javascript:§  )' },
  { category: 'url', text: '[Entity](&#106;avascript:§)' },
  { category: 'url', text: '[Data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { category: 'url', text: '![Chart](javascript:§)' },
  { category: 'url', text: '<javascript:§>' },
  { category: 'url', text: '[ref]\n\n[ref]: javascript:§' },

  // SVG and MathML.
  { category: 'svg', text: '<svg onload=§>' },
  { category: 'svg', text: '<svg><script>§</script></svg>' },
  { category: 'svg', text: '<svg><animate onbegin=§ attributeName=x dur=1s>' },
  { category: 'svg', text: '<svg><a xlink:href="javascript:§"><text x=20 y=20>Chart</text></a></svg>' },
  { category: 'svg', text: '<svg><a href="javascript:§"><circle r=40></circle></a></svg>' },
  { category: 'svg', text: '<svg><set attributeName=href to="javascript:§"/></svg>' },
  { category: 'svg', text: '<svg><foreignObject><iframe srcdoc="<script>parent.§</script>"></iframe></foreignObject></svg>' },
  { category: 'svg', text: '<svg><use href="data:image/svg+xml,<svg id=x><image href=x onerror=§ /></svg>#x"></use></svg>' },
  { category: 'svg', text: '<svg><style><img src=x onerror=§></style></svg>' },
  { category: 'svg', text: '<svg><title><img src=x onerror=§></title></svg>' },
  { category: 'mathml', text: '<math><maction actiontype=statusline xlink:href="javascript:§">Click</maction></math>' },
  { category: 'mathml', text: '<math href="javascript:§"><mi>x</mi></math>' },
  { category: 'mathml', text: '<math><mtext><table><mglyph><style><img src=x onerror=§>' },
  { category: 'mathml', text: '<math><mi xlink:href="data:x,<script>§</script>">formula</mi></math>' },

  // Mutation XSS: markup that a sanitizer and the browser parse differently.
  { category: 'mutation', text: '<noscript><p title="</noscript><img src=x onerror=§>">' },
  { category: 'mutation', text: '<style><img src=x onerror=§></style>' },
  { category: 'mutation', text: '<template><img src=x onerror=§></template>' },
  { category: 'mutation', text: '<template><script>§</script></template>' },
  { category: 'mutation', text: '<textarea></textarea><img src=x onerror=§></textarea>' },
  { category: 'mutation', text: '<title><img src=x onerror=§></title>' },
  { category: 'mutation', text: '<xmp><img src=x onerror=§></xmp>' },
  { category: 'mutation', text: '<plaintext><img src=x onerror=§>' },
  { category: 'mutation', text: '<!--<img src="--><img src=x onerror=§//">' },
  { category: 'mutation', text: '<![CDATA[><img src=x onerror=§>]]>' },
  { category: 'mutation', text: '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=§>' },
  { category: 'mutation', text: '<svg></p><style><a id="</style><img src=1 onerror=§>">' },
  { category: 'mutation', text: '<a title="a<!--"><img src=x onerror=§>--></a>' },
  { category: 'mutation', text: '<table><caption><svg><style><img src=x onerror=§>' },
  { category: 'mutation', text: '<select><template><style><img src=x onerror=§></style></template></select>' },
  { category: 'mutation', text: '<iframe><img src=x onerror=§></iframe>' },
  { category: 'mutation', text: '<noembed><img title="</noembed><img src=x onerror=§>"></noembed>' },

  // Encoded variants.
  { category: 'encoded', text: '&lt;img src=x onerror=§&gt;' },
  { category: 'encoded', text: '&#60;script&#62;§&#60;/script&#62;' },
  { category: 'encoded', text: '%3Cscript%3E§%3C/script%3E' },
  { category: 'encoded', text: '\\u003cimg src=x onerror=§\\u003e' },
  { category: 'encoded', text: '<scr\u0000ipt>§</scr\u0000ipt>' },
  { category: 'encoded', text: '<img src=x o\u0000nerror=§>' },
  { category: 'encoded', text: '\uFF1Cscript\uFF1E§\uFF1C/script\uFF1E' },
  { category: 'encoded', text: '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(#)>' },
  { category: 'encoded', text: '<img src=x onerror="\\u0061lert(#)">' },
  { category: 'encoded', text: '<scr<script>ipt>§</scr</script>ipt>' },
  { category: 'encoded', text: '<<img src=x onerror=§>>' },
  { category: 'encoded', text: '<img src=x onerror=§ \u200B>' },

  // Breaking out of <script> blocks (JSON-LD, island data) and out of CSS.
  { category: 'script-context', text: '</script><script>§</script>' },
  { category: 'script-context', text: '</SCRIPT><svg onload=§>' },
  { category: 'script-context', text: '</script ><img src=x onerror=§>' },
  { category: 'script-context', text: '"}]</script><img src=x onerror=§>' },
  { category: 'script-context', text: '\u2028\u2029"};§;//' },
  { category: 'script-context', text: '<!--<script>§</script>-->' },
  { category: 'script-context', text: "'-§-'" },
  { category: 'script-context', text: '";§;//' },
  { category: 'script-context', text: '${§}' },
  { category: 'script-context', text: "{{constructor.constructor('§')()}}" },
  { category: 'css', text: '</style><img src=x onerror=§>' },
  { category: 'css', text: 'x;background:url("javascript:§")' },
];

export interface Payload {
  id: number;
  category: string;
  text: string;
}

/** The corpus with markers filled in: payload N calls alert(N), or fetches /xss-hit?id=N. */
export const PAYLOADS: Payload[] = RAW.map((p, i) => ({
  id: i + 1,
  category: p.category,
  text: p.text
    .replaceAll('§', `alert(${i + 1})`)
    .replaceAll('#)', `${i + 1})`)
    .replaceAll("id=#'", `id=${i + 1}'`),
}));

/**
 * Fills text fields of limited length with the corpus: each call takes the payloads in turn from
 * where the previous call for the same field left off, as many as fit in `max` characters (at least
 * one, cut to fit). `seen` counts, per field, which payloads it has carried.
 */
export class PayloadFeeder {
  private readonly cursors = new Map<string, number>();
  readonly seen = new Map<string, Set<number>>();

  next(field: string, max: number, sep = ' '): string {
    let i = this.cursors.get(field) ?? 0;
    const seen = this.seen.get(field) ?? new Set<number>();
    this.seen.set(field, seen);
    let out = '';
    for (let n = 0; n < PAYLOADS.length; n += 1) {
      const p = PAYLOADS[i % PAYLOADS.length]!;
      const candidate = out ? `${out}${sep}${p.text}` : p.text;
      if (candidate.length > max) {
        if (!out) {
          out = p.text.slice(0, max);
          seen.add(p.id);
          i += 1;
        }
        break;
      }
      out = candidate;
      seen.add(p.id);
      i += 1;
    }
    this.cursors.set(field, i);
    return out;
  }

  /** The whole corpus in one string (for bodies and long texts), one payload per line. */
  all(field: string, sep = '\n\n'): string {
    this.seen.set(field, new Set(PAYLOADS.map((p) => p.id)));
    return PAYLOADS.map((p) => p.text).join(sep);
  }
}
