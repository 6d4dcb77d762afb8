import { EventEmitter } from 'node:events';
import pg from 'pg';
import { APPENDED_CHANNEL } from './schema.js';

export interface AppendNotifications {
  /** Call `listener` after each append committed by any process on the database; returns the unregister function. */
  on(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * LISTEN on one dedicated connection, opened with the first listener and closed with the last. It only makes
 * subscriptions prompt: they also poll, so a dropped connection or a missed notification delays, never loses.
 */
export function appendNotifications(connection: pg.ClientConfig): AppendNotifications {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let client: pg.Client | null = null;

  const disconnect = async () => {
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };

  const connect = () => {
    const listening = new pg.Client(connection);
    client = listening;
    listening.on('notification', () => emitter.emit('appended'));
    // A dropped connection: polling carries on; the next listener to register reconnects.
    listening.on('error', () => void (client === listening && disconnect()));
    listening
      .connect()
      .then(() => listening.query(`LISTEN ${APPENDED_CHANNEL}`))
      .catch(() => void (client === listening && disconnect()));
  };

  return {
    on(listener) {
      emitter.on('appended', listener);
      if (client === null) connect();
      return () => {
        emitter.off('appended', listener);
        if (emitter.listenerCount('appended') === 0) void disconnect();
      };
    },
    close: disconnect,
  };
}
