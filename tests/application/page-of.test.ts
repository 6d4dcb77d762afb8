import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, cursorOf, inKeyOrder, pageOf, pageOfSorted, type PageRequest, type SortKey } from '../../src/application/paging.js';

/** The page as sorting the whole list would give it: the reference pageOf must agree with, however it finds the page. */
function sortedPage(lines: ReadonlyArray<{ key: SortKey; n: number }>, request: PageRequest) {
  const sorted = [...lines].sort((a, b) => compareKeys(a.key, b.key));
  let start: number;
  let end: number;
  if (request.before) {
    end = sorted.filter((line) => compareKeys(line.key, request.before!) < 0).length;
    start = Math.max(0, end - request.first);
  } else {
    start = request.after ? sorted.filter((line) => compareKeys(line.key, request.after!) <= 0).length : 0;
    end = Math.min(sorted.length, start + request.first);
  }
  return { nodes: sorted.slice(start, end), offset: start, hasNextPage: end < sorted.length, hasPreviousPage: start > 0 };
}

const key = fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', 'c')), { minLength: 1, maxLength: 3 });

describe('a page of a list held whole', () => {
  it('is the page a full sort gives, by selection and by halving a list sorted once: the same lines in the same order (ties in list order), offset and neighbours', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), fc.option(key), fc.boolean(), (keys, first, cursor, backwards) => {
        const lines = keys.map((k, n) => ({ key: k, n }));
        const request: PageRequest = { kind: 'deadline', first, after: backwards ? null : cursor, before: backwards ? cursor : null };
        const page = pageOf(lines, (line) => line.key, request);
        const expected = sortedPage(lines, request);
        expect(page.nodes).toEqual(expected.nodes);
        expect(page.offset).toBe(expected.offset);
        expect(page.totalCount).toBe(lines.length);
        expect(page.pageInfo.hasNextPage).toBe(expected.hasNextPage);
        expect(page.pageInfo.hasPreviousPage).toBe(expected.hasPreviousPage);
        expect(page.cursors).toEqual(expected.nodes.map((line) => cursorOf('deadline', line.key)));
        // A list sorted once and paged by halving gives the very same page.
        expect(pageOfSorted(inKeyOrder(lines, (line) => line.key), request)).toEqual(page);
      }),
      { numRuns: 2_000 },
    );
  });
});
