import { BadInput } from './bad-input.js';

/**
 * A place in a list that can grow: the sort key of the last line a reader saw. Each list orders its lines by a
 * key that never changes once a line exists (a stream revision, an id), so a cursor handed out today still
 * points between the same two lines after more are recorded: the next page has no repeats and no gaps.
 */
export type SortKey = ReadonlyArray<string | number>;

/** Which list a cursor belongs to: a cursor of one list is refused by another rather than misread. */
export type ListKind = 'promise' | 'deadline' | 'audit-entry' | 'timeline-entry' | 'access' | 'local-offer-service' | 'local-offer-comment' | 'case';

export const DEFAULT_PAGE_SIZE = 50;
export const AUDIT_TRAIL_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  kind: ListKind;
  first: number;
  /** The key of the last line already seen; null for the first page. */
  after: SortKey | null;
  /** Instead of `after`: the page that ends just before this key (a web page's "Previous" link). */
  before?: SortKey | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  /** Whether lines come before the page (known for a list held whole; a GraphQL client pages forward only). */
  hasPreviousPage?: boolean;
  /** The cursor of the page's first line, to ask for the page before it. */
  startCursor?: string | null;
  /** The cursor of the page's last line, to ask for the lines after it; null for an empty page. */
  endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  /** Each node's own cursor, in the same order. */
  cursors: string[];
  totalCount: number;
  pageInfo: PageInfo;
  /** How many lines of the list come before the page, where known: "showing 26 to 50 of 80". */
  offset?: number;
}

export function cursorOf(kind: ListKind, key: SortKey): string {
  return Buffer.from(JSON.stringify({ k: kind, v: key }), 'utf8').toString('base64url');
}

const badCursor = () => new BadInput('after: is not a cursor this list gave out', 'after', [{ field: 'after', message: 'is not a cursor this list gave out' }]);

function keyOfCursor(kind: ListKind, cursor: string): SortKey {
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const { k, v } = (decoded ?? {}) as { k?: unknown; v?: unknown };
  if (k !== kind || !Array.isArray(v) || v.length === 0) throw badCursor();
  if (!v.every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)))) throw badCursor();
  return v as SortKey;
}

/**
 * What a reader asked for, checked at the door: `first` a whole number from 1 to 500 (default `defaultSize`),
 * `after` a cursor this same list gave out. Anything else is refused as bad input naming the argument.
 */
export function pageRequest(
  kind: ListKind,
  args: { first?: number | null | undefined; after?: string | null | undefined; before?: string | null | undefined },
  defaultSize = DEFAULT_PAGE_SIZE,
): PageRequest {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    const message = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
    throw new BadInput(`first: ${message}`, 'first', [{ field: 'first', message }]);
  }
  const given = (cursor: string | null | undefined) => cursor !== null && cursor !== undefined && cursor !== '';
  if (given(args.before) && !given(args.after)) return { kind, first, after: null, before: keyOfCursor(kind, args.before!) };
  return { kind, first, after: given(args.after) ? keyOfCursor(kind, args.after!) : null };
}

/** Numbers before strings, numbers by value, strings by code unit: the same order on every Node and every machine. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/**
 * The page of lines after the cursor, from lines already in key order, taking at most `first + 1` of them
 * (the extra one only says there is a next page). `lines` may be lazy: a line after the page is never made.
 * `totalCount` is every line of the list, the ones before the cursor included.
 */
export function pageOfOrdered<T>(lines: Iterable<T>, keyOf: (line: T) => SortKey, request: PageRequest, totalCount: number): Page<T> {
  const nodes: T[] = [];
  const keys: SortKey[] = [];
  let hasNextPage = false;
  for (const line of lines) {
    const key = keyOf(line);
    if (request.after && compareKeys(key, request.after) <= 0) continue;
    if (nodes.length === request.first) {
      hasNextPage = true;
      break;
    }
    nodes.push(line);
    keys.push(key);
  }
  const cursors = keys.map((key) => cursorOf(request.kind, key));
  return { nodes, cursors, totalCount, pageInfo: { hasNextPage, endCursor: cursors.at(-1) ?? null } };
}

export interface Keyed<T> {
  line: T;
  key: SortKey;
}

/**
 * The `count` least lines, in key order (input order among equal keys, as a stable sort gives), or with `greatest`
 * the `count` last: a page of 50 from an LA's 150,000 clocks without sorting them all.
 */
function extremes<T>(keyed: Iterable<Keyed<T>>, count: number, greatest = false): Array<Keyed<T>> {
  const kept: Array<Keyed<T>> = [];
  for (const item of keyed) {
    if (kept.length === count) {
      if (greatest ? compareKeys(item.key, kept[0]!.key) < 0 : compareKeys(item.key, kept[count - 1]!.key) >= 0) continue;
      if (greatest) kept.shift();
      else kept.pop();
    }
    kept.splice(countBefore(kept, item.key, true), 0, item);
  }
  return kept;
}

/**
 * The page of a list held whole, in key order (the list's own order is not trusted to be it). Held whole, it also
 * knows what lies before the page, so it can answer a `before` request and say where the page starts.
 */
export function pageOf<T>(lines: readonly T[], keyOf: (line: T) => SortKey, request: PageRequest): Page<T> {
  const keyed = lines.map((line) => ({ line, key: keyOf(line) }));
  let shown: Array<Keyed<T>>;
  let start: number;
  if (request.before) {
    const before = request.before;
    const earlier = keyed.filter((k) => compareKeys(k.key, before) < 0);
    shown = extremes(earlier, request.first, true);
    start = earlier.length - shown.length;
  } else {
    const after = request.after;
    const later = after ? keyed.filter((k) => compareKeys(k.key, after) > 0) : keyed;
    shown = extremes(later, request.first);
    start = keyed.length - later.length;
  }
  return pageFrom(shown, start, keyed.length, request.kind);
}

/** The page of `shown`, the lines from `start` of a list of `total` lines in key order. */
function pageFrom<T>(shown: ReadonlyArray<Keyed<T>>, start: number, total: number, kind: ListKind): Page<T> {
  const end = start + shown.length;
  const cursors = shown.map((k) => cursorOf(kind, k.key));
  return {
    nodes: shown.map((k) => k.line),
    cursors,
    totalCount: total,
    offset: start,
    pageInfo: { hasNextPage: end < total, hasPreviousPage: start > 0, endCursor: cursors.at(-1) ?? null, startCursor: cursors[0] ?? null },
  };
}

/** A list's lines with their keys, in key order (list order among equal keys): for a list paged many times over. */
export function inKeyOrder<T>(lines: readonly T[], keyOf: (line: T) => SortKey): ReadonlyArray<Keyed<T>> {
  return lines.map((line) => ({ line, key: keyOf(line) })).sort((a, b) => compareKeys(a.key, b.key));
}

/** How many of the sorted lines come before the key (or, with orEqual, are at most the key). */
function countBefore<T>(sorted: ReadonlyArray<Keyed<T>>, key: SortKey, orEqual: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareKeys(sorted[mid]!.key, key);
    if (order < 0 || (orEqual && order === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The page of a list already in key order (inKeyOrder), found by halving: the same page pageOf gives. */
export function pageOfSorted<T>(sorted: ReadonlyArray<Keyed<T>>, request: PageRequest): Page<T> {
  let start: number;
  let end: number;
  if (request.before) {
    end = countBefore(sorted, request.before, false);
    start = Math.max(0, end - request.first);
  } else {
    start = request.after ? countBefore(sorted, request.after, true) : 0;
    end = Math.min(sorted.length, start + request.first);
  }
  return pageFrom(sorted.slice(start, end), start, sorted.length, request.kind);
}
