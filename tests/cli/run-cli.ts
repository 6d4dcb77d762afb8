import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { expect } from 'vitest';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A tool as a person starts it, with only the environment given (no DEBUG, no settings from the shell). */
export function spawnCli(file: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return run(process.execPath, ['--import', 'tsx', `src/cli/${file}.ts`, ...args], env);
}

/** A line of shell, as a README reader types it. */
export function spawnShell(script: string, env: Record<string, string>): Promise<CliRun> {
  return run('sh', ['-c', script], env);
}

function run(command: string, argv: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(command, argv, { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** Each tsx process takes a second or more of CPU to start: a few at a time, not all at once. */
export async function inTurns<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  return results;
}

export const STACK_FRAME = /^\s+at /m;

/** A usage mistake: exit 2, nothing on stdout, one line on stderr naming it and where the usage is, no stack. */
export function expectOneUsageLine(run: CliRun, script: string, naming: string): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_FRAME);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toContain(naming);
  expect(lines[0]).toContain(`npm run ${script} -- --help`);
}
