import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';

/**
 * The Dockerfile checked without a container engine (none runs here) or hadolint (neither Debian nor npm
 * ships a binary of it that runs offline): dockerfile-utils' validator, then this project's rules in the
 * spirit of hadolint's. Each rule is also shown to catch a Dockerfile that breaks it.
 */

const dockerfileText = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

type Instruction = { keyword: string; args: string; line: number };
type Stage = { image: string; name?: string; instructions: Instruction[] };

/** Instructions with their continuation lines joined; comments, including those inside a continuation, dropped as Docker does. */
function instructionsOf(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continues = line.endsWith('\\');
    const content = continues ? line.slice(0, -1).trim() : line;
    if (pending) pending.args = `${pending.args} ${content}`.trim();
    else {
      const [keyword = '', ...rest] = content.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: index + 1 };
    }
    if (!continues) {
      instructions.push(pending);
      pending = undefined;
    }
  });
  return instructions;
}

function stagesOf(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructionsOf(text)) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const execForm = (args: string): string[] | undefined => {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
};

const tagOf = (image: string) => (/@sha256:[0-9a-f]{64}$/.test(image) ? 'digest' : /:([\w][\w.-]{0,127})$/.exec(image.slice(image.lastIndexOf('/') + 1))?.[1]);

/** The project's rules for its image; an empty list means the Dockerfile keeps them all. */
function dockerfileRuleBreaks(text: string): string[] {
  const breaks: string[] = [];
  const stages = stagesOf(text);
  const final = stages.at(-1);
  if (!final) return ['no FROM'];
  const stageNames = new Set(stages.map((stage) => stage.name));
  const baseImages = stages.map((stage) => stage.image).filter((image) => !stageNames.has(image) && image !== 'scratch');
  for (const image of baseImages) {
    const tag = tagOf(image);
    if (!tag || tag === 'latest') breaks.push(`base image ${image} is not pinned to a tag`);
  }
  // better-sqlite3 is compiled in one stage and loaded in another: both must be the same Node.
  const nodeImages = new Set(baseImages.filter((image) => /^(docker\.io\/)?(library\/)?node([:@]|$)/.test(image)));
  if (nodeImages.size > 1) breaks.push(`stages run on different Node images: ${[...nodeImages].join(', ')}`);
  if (stages.length < 2 || !final.instructions.some((i) => i.keyword === 'COPY' && /--from=/.test(i.args))) breaks.push('not a multi-stage build: the final stage copies nothing from a build stage');

  const user = final.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
  if (!user || /^(root|0)(:|$)/.test(user)) breaks.push('the final stage runs as root');
  const healthcheck = final.instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1)?.args;
  if (!healthcheck || /^NONE$/i.test(healthcheck)) breaks.push('the final stage has no HEALTHCHECK');
  const cmd = final.instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args;
  const command = cmd === undefined ? undefined : execForm(cmd);
  if (!command) breaks.push('CMD is not in exec form');
  else if (command[0] !== 'node') breaks.push(`CMD runs ${command[0]}, not node: it would be PID 1 and not pass on SIGTERM`);
  for (const entrypoint of final.instructions.filter((i) => i.keyword === 'ENTRYPOINT')) {
    if (!execForm(entrypoint.args)) breaks.push(`line ${entrypoint.line}: ENTRYPOINT is not in exec form`);
  }

  for (const stage of stages) {
    for (const { keyword, args, line } of stage.instructions) {
      if (keyword === 'ADD') breaks.push(`line ${line}: ADD instead of COPY`);
      if (keyword !== 'RUN') continue;
      if (/\bnpm\s+(install|i|add)\b/.test(args)) breaks.push(`line ${line}: npm install instead of npm ci`);
      if (/\bapt-get\s+(\S+\s+)*install\b/.test(args)) {
        if (!args.includes('--no-install-recommends')) breaks.push(`line ${line}: apt-get install without --no-install-recommends`);
        if (!/\s(-y|--yes|--assume-yes)\b/.test(args)) breaks.push(`line ${line}: apt-get install without -y`);
        if (stage === final) breaks.push(`line ${line}: packages installed in the final stage`);
      }
      if (/\bapt-get\s+update\b/.test(args) && !/rm -rf \/var\/lib\/apt\/lists\/\*\s*$/.test(args)) breaks.push(`line ${line}: apt lists left in the layer`);
    }
  }
  return breaks;
}

/** dockerfile-utils reports in LSP severities: 1 error, 2 warning. */
const lintProblems = (text: string) => validate(text).filter((d) => d.severity === 1 || d.severity === 2).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);

/** The committed Dockerfile with one change, as a person might make it by hand. */
function dockerfileWith(from: string | RegExp, to: string): string {
  expect(dockerfileText).toMatch(from);
  return dockerfileText.replace(from, to);
}

const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((line) => line.includes(fragment)) + 1;

/** Runs a HEALTHCHECK's `node -e` script as Docker would, against the given port; resolves to its exit code. */
function healthcheckExitCode(script: string, port: number): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { env: { ...process.env, PORT: String(port) }, timeout: 10_000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0));
  });
}

describe('Dockerfile', () => {
  const stages = stagesOf(dockerfileText);
  const final = stages.at(-1)!;
  const finalArgs = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('has no error or warning from the dockerfile-utils validator', () => {
    expect(lintProblems(dockerfileText)).toEqual([]);
  });

  it("keeps the project's rules: pinned bases, multi-stage, not root, a healthcheck, node as PID 1, npm ci, tidy apt-get, COPY", () => {
    expect(dockerfileRuleBreaks(dockerfileText)).toEqual([]);
  });

  it('builds with the dev tools, installs only the runtime packages, and runs the built server on Node 24 with its data on a volume', () => {
    expect(stages.map((stage) => stage.image)).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim', 'node:24-bookworm-slim']);
    const runs = stages.map((stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n'));
    expect(runs[0]).toMatch(/npm ci --ignore-scripts/);
    expect(runs[0]).toMatch(/npm run build/);
    expect(runs[1]).toMatch(/npm ci --omit=dev --ignore-scripts .*&& npm rebuild better-sqlite3/);
    expect(finalArgs('COPY')).toEqual(['package.json ./', '--from=runtime-dependencies /app/node_modules ./node_modules', '--from=build /app/dist ./dist']);
    expect(finalArgs('ENV').join(' ')).toMatch(/^NODE_ENV=production HOST=0\.0\.0\.0 PORT=4000 SEND_LEDGER_DATA_DIR=\/data$/);
    expect(finalArgs('RUN')).toEqual(['mkdir -p /data && chown node:node /data && chmod 700 /data']);
    expect(finalArgs('VOLUME')).toEqual(['["/data"]']);
    expect(finalArgs('USER')).toEqual(['node']);
    expect(finalArgs('STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(finalArgs('CMD').map(execForm)).toEqual([['node', 'dist/src/server.js']]);
    expect(finalArgs('LABEL').join(' ')).toMatch(/org\.opencontainers\.image\.title="SEND Ledger"/);
  });

  it("HEALTHCHECK's command reports the running server healthy and a stopped one unhealthy, with no curl", async () => {
    const [healthcheck] = finalArgs('HEALTHCHECK');
    const command = execForm(healthcheck!.replace(/^(--\S+\s+)*CMD\s+/, ''));
    expect(command?.slice(0, 2)).toEqual(['node', '-e']);
    const script = command![2]!;
    const server = await startTestApp();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as AddressInfo;
    expect(await healthcheckExitCode(script, port)).toBe(0);
    await server.close();
    expect(await healthcheckExitCode(script, port)).toBe(1);
  });

  describe('catches a Dockerfile that breaks a rule', () => {
    it('what dockerfile-utils reports: a lower-case instruction, a relative WORKDIR, a duration without a unit', () => {
      const broken = dockerfileWith('WORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --ignore-scripts', 'workdir app\nCOPY package.json package-lock.json ./\nRUN npm ci --ignore-scripts');
      expect(lintProblems(broken)).toEqual([`line ${lineOf(broken, 'workdir app')}: Instructions should be written in uppercase letters`, `line ${lineOf(broken, 'workdir app')}: WORKDIR paths should be absolute`]);
      expect(lintProblems(dockerfileWith('--interval=10s', '--interval=10'))).toEqual([`line ${lineOf(dockerfileText, '--interval=10s')}: time: missing unit in duration 10`]);
    });

    it('an unpinned base image, or stages on different Node versions', () => {
      expect(dockerfileRuleBreaks(dockerfileWith('FROM node:24-bookworm-slim AS runtime\n', 'FROM node:latest AS runtime\n'))).toEqual([
        'base image node:latest is not pinned to a tag',
        'stages run on different Node images: node:24-bookworm-slim, node:latest',
      ]);
      expect(dockerfileRuleBreaks(dockerfileWith('FROM node:24-bookworm-slim AS build', 'FROM node AS build'))).toEqual(['base image node is not pinned to a tag', 'stages run on different Node images: node, node:24-bookworm-slim']);
      expect(dockerfileRuleBreaks(dockerfileWith('FROM node:24-bookworm-slim AS runtime\n', 'FROM node:22-bookworm-slim AS runtime\n'))).toEqual(['stages run on different Node images: node:24-bookworm-slim, node:22-bookworm-slim']);
    });

    it('a single-stage build', () => {
      const single = `FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nHEALTHCHECK CMD ["node", "-e", "0"]\nCMD ["node", "dist/src/server.js"]\n`;
      expect(dockerfileRuleBreaks(single)).toEqual(['not a multi-stage build: the final stage copies nothing from a build stage']);
    });

    it('a final stage running as root, or without a healthcheck', () => {
      expect(dockerfileRuleBreaks(dockerfileWith('USER node\n', ''))).toEqual(['the final stage runs as root']);
      expect(dockerfileRuleBreaks(dockerfileWith('USER node\n', 'USER root\n'))).toEqual(['the final stage runs as root']);
      expect(dockerfileRuleBreaks(dockerfileWith(/HEALTHCHECK [^]*?\n(?=#)/, 'HEALTHCHECK NONE\n'))).toEqual(['the final stage has no HEALTHCHECK']);
      expect(dockerfileRuleBreaks(dockerfileWith(/HEALTHCHECK [^]*?\n(?=#)/, ''))).toEqual(['the final stage has no HEALTHCHECK']);
    });

    it('npm, or a shell, as PID 1', () => {
      expect(dockerfileRuleBreaks(dockerfileWith('CMD ["node", "dist/src/server.js"]', 'CMD ["npm", "start"]'))).toEqual(['CMD runs npm, not node: it would be PID 1 and not pass on SIGTERM']);
      expect(dockerfileRuleBreaks(dockerfileWith('CMD ["node", "dist/src/server.js"]', 'CMD node dist/src/server.js'))).toEqual(['CMD is not in exec form']);
    });

    it('npm install, ADD, and apt-get that pulls recommends, asks for confirmation or leaves its lists', () => {
      const npmLine = lineOf(dockerfileText, 'RUN npm ci --ignore-scripts');
      expect(dockerfileRuleBreaks(dockerfileWith('RUN npm ci --ignore-scripts', 'RUN npm install --ignore-scripts'))).toEqual([`line ${npmLine}: npm install instead of npm ci`]);
      const copyLine = lineOf(dockerfileText, 'COPY . .');
      expect(dockerfileRuleBreaks(dockerfileWith('COPY . .', 'ADD . .'))).toEqual([`line ${copyLine}: ADD instead of COPY`]);
      const aptLine = lineOf(dockerfileText, 'RUN apt-get update');
      expect(dockerfileRuleBreaks(dockerfileWith('apt-get install -y --no-install-recommends', 'apt-get install -y'))).toEqual([`line ${aptLine}: apt-get install without --no-install-recommends`]);
      expect(dockerfileRuleBreaks(dockerfileWith('apt-get install -y --no-install-recommends', 'apt-get install --no-install-recommends'))).toEqual([`line ${aptLine}: apt-get install without -y`]);
      expect(dockerfileRuleBreaks(dockerfileWith(' \\\n    && rm -rf /var/lib/apt/lists/*', ''))).toEqual([`line ${aptLine}: apt lists left in the layer`]);
    });

    it('a compiler in the image that runs', () => {
      const broken = dockerfileWith('RUN mkdir -p /data', 'RUN apt-get update && apt-get install -y --no-install-recommends g++ && rm -rf /var/lib/apt/lists/*\nRUN mkdir -p /data');
      expect(dockerfileRuleBreaks(broken)).toEqual([`line ${lineOf(broken, 'g++ &&')}: packages installed in the final stage`]);
    });
  });
});
