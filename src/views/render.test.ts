import { describe, expect, it } from 'vitest';
import { jsonForScript } from './render.js';

describe('jsonForScript', () => {
  it('leaves nothing that could end the script element or the line, and reads back as the same value', () => {
    const value = { headline: '</script><script>alert(1)</script> & <!-- “quotes”', body: 'line\u2028break\u2029para', n: [1, 2] };
    const out = jsonForScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out).toContain('\\u003c/script\\u003e');
    expect(out).toContain('\\u0026');
    expect(JSON.parse(out)).toEqual(value);
  });
});
