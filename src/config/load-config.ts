import { ConfigError, parseConfig, type Config } from './config.js';

/** For entry points: parse the configuration or stop with a message naming each bad setting. */
export function loadConfigOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}
