import { pageOf, pageRequest, type ListKind, type Page, type SortKey } from '../../application/paging.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A page in the Relay connection shape: each node with its own cursor (`edges`), or the nodes alone (`nodes`). */
export function connectionOf<T, C extends number | (() => Promise<number>)>(page: Omit<Page<T>, 'totalCount'> & { totalCount: C }) {
  return {
    totalCount: page.totalCount,
    pageInfo: page.pageInfo,
    edges: page.nodes.map((node, i) => ({ cursor: page.cursors[i]!, node })),
    nodes: page.nodes,
  };
}

/**
 * A list field of an object a resolver already holds whole, paged by its arguments. The field is returned as a
 * function because GraphQL's default resolver calls a function-valued property with the field's arguments: the
 * parent's resolver stays the only one, and the list is paged only if the client selects it.
 */
export const pagedField =
  <T>(kind: ListKind, lines: readonly T[], keyOf: (line: T) => SortKey, defaultSize?: number) =>
  (args: PageArgs) =>
    connectionOf(pageOf(lines, keyOf, pageRequest(kind, args, defaultSize)));
