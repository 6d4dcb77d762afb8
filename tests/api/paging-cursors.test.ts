import { describe, expect, it } from 'vitest';
import { BadInput } from '../../src/application/bad-input.js';
import { compareKeys, cursorOf, pageOf, pageRequest, type SortKey } from '../../src/application/paging.js';

const lines = Array.from({ length: 7 }, (_, i) => ({ id: `line-${i}`, revision: i }));
const byRevision = (line: { revision: number }): SortKey => [line.revision];

describe('paging: cursors and pages of a list held whole', () => {
  it('walks forward with after and back with before, every line once', () => {
    const seen: string[] = [];
    let page = pageOf(lines, byRevision, pageRequest('audit-entry', { first: 3 }));
    seen.push(...page.nodes.map((l) => l.id));
    while (page.pageInfo.hasNextPage) {
      page = pageOf(lines, byRevision, pageRequest('audit-entry', { first: 3, after: page.pageInfo.endCursor }));
      seen.push(...page.nodes.map((l) => l.id));
    }
    expect(seen).toEqual(lines.map((l) => l.id));
    expect(page.offset).toBe(6);
    const back = pageOf(lines, byRevision, pageRequest('audit-entry', { first: 3, before: page.pageInfo.startCursor }));
    expect(back.nodes.map((l) => l.revision)).toEqual([3, 4, 5]);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('keeps its place when lines are added before and after the cursor', () => {
    const first = pageOf(lines, byRevision, pageRequest('audit-entry', { first: 2 }));
    const grown = [{ id: 'early', revision: -1 }, ...lines, { id: 'late', revision: 7 }];
    const next = pageOf(grown, byRevision, pageRequest('audit-entry', { first: 500, after: first.pageInfo.endCursor }));
    expect(next.nodes.map((l) => l.id)).toEqual(['line-2', 'line-3', 'line-4', 'line-5', 'line-6', 'late']);
    expect(next.totalCount).toBe(9);
  });

  it('orders keys the same way everywhere: numbers before strings, then part by part', () => {
    expect(compareKeys([1, 'b'], [1, 'a'])).toBeGreaterThan(0);
    expect(compareKeys([2], ['1'])).toBeLessThan(0);
    expect(compareKeys(['2024-01-01', 'x'], ['2024-01-01', 'x'])).toBe(0);
    expect(compareKeys([-10], [-9])).toBeLessThan(0);
  });

  it('refuses first outside 1..500 and a cursor of another list or none at all, naming the argument', () => {
    for (const first of [0, 501, 2.5, -1]) {
      expect(() => pageRequest('promise', { first })).toThrow(expect.objectContaining({ field: 'first' }) as BadInput);
    }
    const other = cursorOf('deadline', ['2024-01-01', 'child', 'rule', 'event']);
    for (const after of [other, 'x', '!!!', Buffer.from('[1]').toString('base64url'), Buffer.from('{"k":"promise","v":[]}').toString('base64url')]) {
      expect(() => pageRequest('promise', { after })).toThrow(expect.objectContaining({ field: 'after' }) as BadInput);
    }
    expect(pageRequest('promise', {})).toMatchObject({ first: 50, after: null });
    expect(pageRequest('audit-entry', {}, 100).first).toBe(100);
  });
});
