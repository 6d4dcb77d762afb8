import { spawn, type ChildProcess } from 'node:child_process';

export interface WitnessProcess {
  url: string;
  /** Everything it wrote to stdout so far (its decision log). */
  output(): string;
  stop(): Promise<void>;
}

/** A witness as its operator starts it: `node --import tsx src/cli/witness.ts ...`, ready once it prints its address. */
export function startWitness(args: string[]): Promise<WitnessProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/witness.ts', '--port', '0', ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the witness did not start within 30 s:\n${stdout}\n${stderr}`));
    }, 30_000);
    const onData = () => {
      const listening = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (!listening) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ url: listening[1]!, output: () => stdout, stop: () => stop(child) });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the witness exited with ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
