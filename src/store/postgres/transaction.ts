import type pg from 'pg';

/**
 * Run `work` in one transaction on one pooled connection: committed if it resolves, rolled back if it throws.
 * A connection whose rollback failed is discarded rather than handed to the next caller mid-transaction.
 * If COMMIT itself fails the outcome is unknown to us; callers retry with the same idempotency key.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
