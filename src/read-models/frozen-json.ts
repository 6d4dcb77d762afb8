/**
 * Documents as a fold holds them within a batch: deeply frozen JSON values. Frozen, a document handed to a
 * projection can be shared instead of copied (no projection can change it without putting a new value), and a
 * new value put can share every part it took from an old one, so appending to a long history copies pointers,
 * not the history.
 */

/** Values made here: frozen, and exactly what a JSON round trip of them gives, so they are shared as they are. */
const made = new WeakSet<object>();

/** Remembered, then frozen: in that order V8 stores the object's hash before freezing it, which is much faster. */
function mark<T extends object>(value: T): T {
  made.add(value);
  return Object.freeze(value);
}

/** Freeze what JSON.parse just returned, in place: it is already plain JSON. */
export function freezeParsed<T>(value: T): T {
  if (typeof value !== 'object' || value === null || made.has(value)) return value;
  if (Array.isArray(value)) for (const item of value) freezeParsed(item);
  else for (const key in value) freezeParsed(value[key]);
  return mark(value);
}

/**
 * A frozen copy of a value as JSON.parse(JSON.stringify(value)) would give it, sharing every part made here
 * before: undefined members dropped, non-finite numbers null, anything with its own idea of JSON (a Date) or
 * another prototype taken through JSON itself.
 */
export function frozenJson<T>(value: T): T {
  return copy(value) as T;
}

const dropped = (member: unknown) => member === undefined || typeof member === 'function' || typeof member === 'symbol';

// Plain loops, not Array.from or Object.entries: this runs for every element of every document put.
function copy(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null; // + 0: -0 becomes 0, as in JSON
  if (typeof value !== 'object' || value === null || made.has(value)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = dropped(value[i]) ? null : copy(value[i]);
    return mark(out);
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return freezeParsed(JSON.parse(JSON.stringify(value)) as unknown);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (dropped(member)) continue;
    // As JSON.parse does: "__proto__" is an own member, not the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy(member), enumerable: true, writable: true, configurable: true });
    else out[key] = copy(member);
  }
  return mark(out);
}
