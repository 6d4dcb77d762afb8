import { BadInput } from '../../application/bad-input.js';
import { pageRequest, type ListKind, type PageInfo, type PageRequest } from '../../application/paging.js';

/** The cursor a page's link carries: `after` for the next page, `before` for the previous one. */
export interface CursorQuery {
  after?: string;
  before?: string;
}

/**
 * The page a link asks for. A cursor someone edited by hand, or one from another list, shows the first page
 * rather than an error: the address bar is not a form.
 */
export function webPageRequest(kind: ListKind, query: CursorQuery, size: number): PageRequest {
  try {
    return pageRequest(kind, { first: size, after: query.after ?? null, before: query.before ?? null });
  } catch (error) {
    if (error instanceof BadInput) return pageRequest(kind, { first: size });
    throw error;
  }
}

/**
 * GOV.UK pagination for a list paged by cursor: "Previous" and "Next" links only (a cursor has no page number),
 * each carrying the page's filters as well as its cursor, so they work without JavaScript. Null when everything fits.
 */
export function cursorPagination(page: { pageInfo: PageInfo }, href: (cursor: CursorQuery) => string, landmarkLabel: string) {
  const { hasNextPage, hasPreviousPage, endCursor, startCursor } = page.pageInfo;
  if (!hasNextPage && !hasPreviousPage) return null;
  return {
    previous: hasPreviousPage && startCursor ? { href: href({ before: startCursor }) } : undefined,
    next: hasNextPage && endCursor ? { href: href({ after: endCursor }) } : undefined,
    landmarkLabel,
  };
}

/** A link's address: the path and its query, the cursor appended to the filters it keeps. */
export function withCursor(path: string, filters: URLSearchParams, cursor: CursorQuery): string {
  const query = new URLSearchParams(filters);
  if (cursor.after) query.set('after', cursor.after);
  if (cursor.before) query.set('before', cursor.before);
  const text = query.toString();
  return `${path}${text ? `?${text}` : ''}`;
}
