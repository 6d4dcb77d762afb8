/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * One byte encoding per value, so that a hash computed here can be recomputed by anyone, in any
 * language, from the stored bytes alone. Keys are sorted by UTF-16 code units, numbers use the
 * ECMAScript shortest round-trip form, strings use JSON's minimal escaping (non-ASCII kept as is).
 */
export class NotCanonicalisable extends Error {
  constructor(path: string, why: string) {
    super(`cannot canonicalise ${path || 'value'}: ${why}`);
    this.name = 'NotCanonicalisable';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalJson(value: unknown): string {
  return encode(value, '');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(path, 'numbers must be finite');
      // JSON.stringify gives ECMAScript Number-to-String, which is what RFC 8785 section 3.2.2.3 requires (and -0 becomes 0).
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new NotCanonicalisable(path, 'string holds a lone surrogate (not I-JSON)');
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item, i) => encode(item, `${path}[${i}]`)).join(',')}]`;
      return encodeObject(value as Record<string, unknown>, path);
    default:
      throw new NotCanonicalisable(path, `a ${typeof value} has no JSON form`);
  }
}

function encodeObject(object: Record<string, unknown>, path: string): string {
  if (Object.getPrototypeOf(object) !== Object.prototype && Object.getPrototypeOf(object) !== null) {
    throw new NotCanonicalisable(path, 'only plain objects are allowed (convert dates to ISO strings first)');
  }
  const members: string[] = [];
  // Array.prototype.sort without a comparator orders by UTF-16 code units, as RFC 8785 section 3.2.3 requires.
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    if (LONE_SURROGATE.test(key)) throw new NotCanonicalisable(`${path}.${key}`, 'key holds a lone surrogate');
    members.push(`${JSON.stringify(key)}:${encode(member, path ? `${path}.${key}` : key)}`);
  }
  return `{${members.join(',')}}`;
}
