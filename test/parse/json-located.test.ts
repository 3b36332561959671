/** The located JSON parser (src/parse/json-located.ts): values, where they start, strict errors. */
import { describe, it, expect } from 'vitest';
import { parseJsonLocated } from '../../src/parse/json-located.js';

const TEXT = '{\n  "a": [1, {"b": "x\\\\y\\u0041"}],\n\t"c": null, "d": true,\n  "__proto__": {"e": -1.5e2}\n}\n';

describe('parseJsonLocated', () => {
  it('parses values like JSON.parse, "__proto__" as an own property', () => {
    const doc = parseJsonLocated(TEXT, 'f.json');
    expect(doc.value).toEqual(JSON.parse(TEXT));
    const v = doc.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['a', 'c', 'd', '__proto__']);
    expect((v['__proto__'] as { e: number }).e).toBe(-150);
  });

  it('gives the line and column where each value starts; a missing path gives its nearest ancestor', () => {
    const doc = parseJsonLocated(TEXT, 'f.json');
    expect(doc.at([])).toEqual({ file: 'f.json', line: 1, column: 1 });
    expect(doc.at(['a'])).toEqual({ file: 'f.json', line: 2, column: 8, field: 'a' });
    expect(doc.at(['a', 0])).toEqual({ file: 'f.json', line: 2, column: 9, field: 'a[0]' });
    expect(doc.at(['a', 1, 'b'])).toEqual({ file: 'f.json', line: 2, column: 18, field: 'a[1].b' });
    expect(doc.at(['c'])).toEqual({ file: 'f.json', line: 3, column: 7, field: 'c' });
    expect(doc.at(['d'])).toEqual({ file: 'f.json', line: 3, column: 18, field: 'd' });
    expect(doc.at(['__proto__', 'e'])).toEqual({ file: 'f.json', line: 4, column: 22, field: '__proto__.e' });
    // Absent: the deepest value the path reaches.
    expect(doc.at(['a', 1, 'zz'])).toEqual({ file: 'f.json', line: 2, column: 12, field: 'a[1].zz' });
    expect(doc.at(['a', 7])).toEqual({ file: 'f.json', line: 2, column: 8, field: 'a[7]' });
    expect(doc.at(['a', '0'])).toEqual({ file: 'f.json', line: 2, column: 8, field: 'a.0' }); // a key is not an index
    expect(doc.at(['c', 'x'])).toEqual({ file: 'f.json', line: 3, column: 7, field: 'c.x' });
  });

  it('rejects what JSON.parse would accept silently, with the place', () => {
    expect(() => parseJsonLocated('{"a": {"b": 1,\n "b": 2}}', 'f.json')).toThrow(/^f\.json:2:2: a\.b: duplicate key "b"$/);
    expect(() => parseJsonLocated('[0, [1, {"k": 1, "k": 1}]]', 'f.json')).toThrow(/^f\.json:1:18: \[1\]\[1\]\.k: duplicate key "k"$/);
    expect(() => parseJsonLocated('"ab\ncd"', 'f.json')).toThrow(/^f\.json:1:4: invalid JSON: control character in string$/);
    expect(() => parseJsonLocated('{"a": "\\q"}', 'f.json')).toThrow(/^f\.json:1:9: invalid JSON: bad escape sequence in string$/);
    expect(() => parseJsonLocated('[1,\n 2,]', 'f.json')).toThrow(/^f\.json:2:4: invalid JSON: unexpected/);
    expect(() => parseJsonLocated('{"a": [1, 2', 'f.json')).toThrow(/^f\.json:1:12: invalid JSON: expected ',' or '\]', got end of file$/);
    expect(() => parseJsonLocated('[' .repeat(70) + ']'.repeat(70), 'f.json')).toThrow(/nesting deeper than 64 levels/);
  });

  it('a large document (200,000 values) parses to what JSON.parse gives', () => {
    const big = { architectures: Array.from({ length: 20000 }, (_, i) => ({ flops: i * 1.5, layers: [{ type: 'CONV', dims: { K: i % 7 + 1, C: 3 } }] })) };
    const text = JSON.stringify(big, null, 1);
    const doc = parseJsonLocated(text, 'big.json');
    expect(doc.value).toEqual(big);
    const at = doc.at(['architectures', 19999, 'layers', 0, 'dims', 'K']);
    const line = text.split('\n')[at.line! - 1]!;
    expect(line.slice(at.column! - 1)).toBe(String(19999 % 7 + 1) + ',');
  });
});
