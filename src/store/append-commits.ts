import diagnostics_channel from 'node:diagnostics_channel';

/** One durable commit of appends: which store, how many appends it carried (group commit), and how long it took. */
export interface AppendCommit {
  store: 'sqlite' | 'postgres';
  appends: number;
  seconds: number;
}

/**
 * Where a store tells whoever listens (the metrics) about each commit. A diagnostics channel rather than an
 * option, so nothing between the store and the server has to pass a callback through; publishing costs nothing
 * while no one subscribes.
 */
export const APPEND_COMMITS = 'send-ledger:append-commit';
const appendCommits = diagnostics_channel.channel(APPEND_COMMITS);

export function reportAppendCommit(commit: AppendCommit): void {
  if (appendCommits.hasSubscribers) appendCommits.publish(commit);
}
