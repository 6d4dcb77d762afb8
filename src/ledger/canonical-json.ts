/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * One byte encoding per value, so that a hash computed here can be recomputed by anyone, in any
 * language, from the stored bytes alone. Keys are sorted by UTF-16 code units, numbers use the
 * ECMAScript shortest round-trip form, strings use JSON's minimal escaping (non-ASCII kept as is).
 */
export class NotCanonicalisable extends Error {
  constructor(
    /** Where, as dotted member names and array positions (`data.actions.0.description`). */
    readonly path: string,
    readonly why: string,
  ) {
    super(`cannot canonicalise ${path || 'value'}: ${why}`);
    this.name = 'NotCanonicalisable';
  }
}

/** The first place in a value that has no RFC 8785 form (a lone surrogate, a non-finite number...), or null. */
export function uncanonicalisablePlace(value: unknown): NotCanonicalisable | null {
  try {
    explain(value, '');
    return null;
  } catch (error) {
    if (error instanceof NotCanonicalisable) return error;
    throw error;
  }
}

/** Thrown by the fast path, which keeps no path; the slow path then runs again to name where. */
class Refused extends Error {}
const REFUSED = new Refused();

/** A member name V8 keeps in numeric order ahead of the others, whatever order it was added in. */
const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;
class IntegerKey extends Error {}
const INTEGER_KEY_FOUND = new IntegerKey();

export function canonicalJson(value: unknown): string {
  try {
    try {
      return JSON.stringify(sortedCopy(value));
    } catch (error) {
      if (error !== INTEGER_KEY_FOUND) throw error;
      return encode(value);
    }
  } catch (error) {
    if (error !== REFUSED) throw error;
    explain(value, '');
    throw error;
  }
}

/**
 * The common case, done by the engine: a copy whose members were added in RFC 8785 order, which JSON.stringify
 * then writes in that order (its numbers and string escapes already being RFC 8785's). Objects holding an
 * integer-like member name go to `encode`, because the engine would list those names first.
 */
function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw REFUSED;
      return value;
    case 'string':
      if (!value.isWellFormed()) throw REFUSED;
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const copy = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) copy[i] = sortedCopy(value[i]);
        return copy;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw REFUSED;
      const object = value as Record<string, unknown>;
      // No prototype: a member called __proto__ is then an ordinary member, and nothing inherited can answer toJSON.
      const copy = Object.create(null) as Record<string, unknown>;
      for (const key of Object.keys(object).sort()) {
        const member = object[key];
        if (member === undefined) continue;
        if (!key.isWellFormed()) throw REFUSED;
        if (INTEGER_KEY.test(key)) throw INTEGER_KEY_FOUND;
        copy[key] = sortedCopy(member);
      }
      return copy;
    }
    default:
      // undefined in an array, functions, symbols, bigints: JSON.stringify would drop or mangle them.
      throw REFUSED;
  }
}

// Objects with integer-like member names, by hand; it builds no path strings (the slow path names the place).
function encode(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // JSON.stringify gives ECMAScript Number-to-String, which is what RFC 8785 section 3.2.2.3 requires (and -0 becomes 0).
      if (!Number.isFinite(value)) throw REFUSED;
      return JSON.stringify(value);
    case 'string':
      if (!value.isWellFormed()) throw REFUSED;
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + encode(value[i]);
        return `${out}]`;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw REFUSED;
      const object = value as Record<string, unknown>;
      // Array.prototype.sort without a comparator orders by UTF-16 code units, as RFC 8785 section 3.2.3 requires.
      const keys = Object.keys(object).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = object[key];
        if (member === undefined) continue;
        if (!key.isWellFormed()) throw REFUSED;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${encode(member)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw REFUSED;
  }
}

/** Walks the value again, in the same order as `encode`, and throws NotCanonicalisable naming the first refused place. */
function explain(value: unknown, path: string): void {
  if (value === null) return;
  switch (typeof value) {
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(path, 'numbers must be finite');
      return;
    case 'string':
      if (!value.isWellFormed()) throw new NotCanonicalisable(path, 'string holds a lone surrogate (not I-JSON)');
      return;
    case 'object': {
      if (Array.isArray(value)) {
        value.forEach((item, i) => explain(item, path ? `${path}.${i}` : String(i)));
        return;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new NotCanonicalisable(path, 'only plain objects are allowed (convert dates to ISO strings first)');
      }
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object).sort()) {
        if (object[key] === undefined) continue;
        if (!key.isWellFormed()) throw new NotCanonicalisable(path, 'a member name holds a lone surrogate (not I-JSON)');
        explain(object[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    default:
      throw new NotCanonicalisable(path, `a ${typeof value} has no JSON form`);
  }
}
