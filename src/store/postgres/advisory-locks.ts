/**
 * First key of every two-key advisory lock this service takes (the second is a hash of the name locked),
 * so they cannot collide with another application's locks on the same database. Hash collisions between
 * two names only make them wait for each other; they never let two holders in at once.
 */
export const LOCK_NAMESPACE = {
  /** Creating or upgrading the schema: two processes starting together must not race on CREATE. */
  schema: 0x5e4d_0001,
  /** One append at a time per stream, whether or not the stream exists yet. */
  stream: 0x5e4d_0002,
  /** One batch at a time per projection, so two processes never fold the same entry twice. */
  projection: 0x5e4d_0003,
  /** One batch at a time extends the read-access log's hash chain. */
  accessLog: 0x5e4d_0004,
} as const;
