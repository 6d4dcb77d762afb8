/** A min-heap of actions by time (ties in scheduling order). */
export class Agenda {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly actions: Array<() => void> = [];
  private seq = 0;

  get size() {
    return this.times.length;
  }

  push(at: number, action: () => void) {
    this.times.push(at);
    this.seqs.push(this.seq++);
    this.actions.push(action);
    let i = this.times.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { at: number; action: () => void } {
    const at = this.times[0]!;
    const action = this.actions[0]!;
    const last = this.times.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.actions.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.times.length && this.less(l, m)) m = l;
      if (r < this.times.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return { at, action };
  }

  private less(a: number, b: number) {
    return this.times[a]! < this.times[b]! || (this.times[a] === this.times[b] && this.seqs[a]! < this.seqs[b]!);
  }

  private swap(a: number, b: number) {
    [this.times[a], this.times[b]] = [this.times[b]!, this.times[a]!];
    [this.seqs[a], this.seqs[b]] = [this.seqs[b]!, this.seqs[a]!];
    [this.actions[a], this.actions[b]] = [this.actions[b]!, this.actions[a]!];
  }
}
