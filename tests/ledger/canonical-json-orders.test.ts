import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ledger/canonical-json.js';

/** RFC 8785 written the plainest way: members sorted by UTF-16 code units, each value written by JSON.stringify. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).filter((k) => object[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonical JSON member order', () => {
  it('orders integer-like member names by code unit, not numerically first as the engine lists them', () => {
    expect(canonicalJson({ a: 3, 10: 1, 9: 2, $: 4 })).toBe('{"$":4,"10":1,"9":2,"a":3}');
    expect(canonicalJson({ nested: [{ 2: 'b', 10: 'a' }] })).toBe('{"nested":[{"10":"a","2":"b"}]}');
  });

  it('keeps a member called __proto__ as an ordinary member', () => {
    expect(canonicalJson(JSON.parse('{"b":2,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":2}');
  });

  it('ignores a member called toJSON that is not a function, as data', () => {
    expect(canonicalJson({ toJSON: 'kept', a: 1 })).toBe('{"a":1,"toJSON":"kept"}');
  });

  it('agrees with the plain reference encoding on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the reference when member names are integer-like, mixed with others', () => {
    const key = fc.oneof(fc.nat({ max: 2000 }).map(String), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.dictionary(key, fc.boolean()))), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });
});
