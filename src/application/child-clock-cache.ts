import type { ChildClock } from './deadlines-in-scope.js';

/**
 * Each child's statutory clocks, whole, as of a day, kept by stream revision: the pages of an LA's or a school's
 * deadlines show the same few children again and again (the lists themselves count clocks in summary,
 * child-summaries.ts). A child whose record grew, or a new day, is computed again. Nothing here is personal beyond
 * what `deadlines` answers, and it is only read after the reader's access to the child was judged.
 */
export class ChildClockCache {
  private readonly children = new Map<string, { revision: number; asOf: string; clocks: readonly ChildClock[] }>();

  constructor(private readonly capacity = 5_000) {}

  get(childId: string, revision: number, asOf: string): readonly ChildClock[] | undefined {
    const cached = this.children.get(childId);
    return cached && cached.revision === revision && cached.asOf === asOf ? cached.clocks : undefined;
  }

  set(childId: string, revision: number, asOf: string, clocks: readonly ChildClock[]): void {
    this.children.delete(childId);
    if (this.children.size >= this.capacity) this.children.delete(this.children.keys().next().value!);
    this.children.set(childId, { revision, asOf, clocks });
  }
}
