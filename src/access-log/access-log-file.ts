import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { AccessLog } from './port.js';
import { openSqliteAccessLog } from './sqlite-access-log.js';

export const accessLogFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'access-log.sqlite');

/** The access log beside the ledger, in a file of its own, owner-only like the ledger. */
export function openAccessLogFile(config: Config): AccessLog {
  mkdirSync(config.SEND_LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
  const file = accessLogFile(config);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  return openSqliteAccessLog(file);
}
