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

/**
 * The page of a list held whole: sorted by its key first (the list's own order is not trusted to be it). Held
 * whole, it also knows what lies before the page, so it can answer a `before` request and say where the page starts.
 */
export function pageOf<T>(lines: readonly T[], keyOf: (line: T) => SortKey, request: PageRequest): Page<T> {
  const keyed = lines.map((line) => ({ line, key: keyOf(line) })).sort((a, b) => compareKeys(a.key, b.key));
  const firstAfter = (key: SortKey, orEqual: boolean) => {
    const i = keyed.findIndex((k) => compareKeys(k.key, key) > (orEqual ? -1 : 0));
    return i < 0 ? keyed.length : i;
  };
  let start: number;
  let end: number;
  if (request.before) {
    end = firstAfter(request.before, true);
    start = Math.max(0, end - request.first);
  } else {
    start = request.after ? firstAfter(request.after, false) : 0;
    end = Math.min(keyed.length, start + request.first);
  }
  const shown = keyed.slice(start, end);
  const cursors = shown.map((k) => cursorOf(request.kind, k.key));
  return {
    nodes: shown.map((k) => k.line),
    cursors,
    totalCount: lines.length,
    offset: start,
    pageInfo: { hasNextPage: end < keyed.length, hasPreviousPage: start > 0, endCursor: cursors.at(-1) ?? null, startCursor: cursors[0] ?? null },
  };
}
