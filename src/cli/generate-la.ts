import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateLaInto } from '../bench/generate.js';
import { ACADEMIC_YEARS, END_OF_DECADE, NOT_TO_ISSUE, REFUSE_TO_ASSESS, timelyShare } from '../bench/la/model.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'generate-la',
  summary:
    'write a synthetic local authority (src/bench/synthetic-la.ts) over ten years, through the real write path, ' +
    'into an empty data directory the server can open (SEND_LEDGER_DATA_DIR=<dir> npm start); build its read ' +
    'models, verify every hash chain, and write synthetic-la.json beside it (what was generated, the showcase ' +
    'children, the counts). Scale 1 is about 2.3 million entries (see README, Performance, for how long it takes).',
  synopsis: ['--out <empty data directory> [--scale 1] [--seed 42] [--years 10] [--no-showcase] [--skip-verify]'],
  options: [
    ['--out <dir>', 'required: a new or empty directory'],
    ['--scale <fraction>', 'the size of the LA against the reference LA (default 1; 0.0043 gives about 10,000 entries)'],
    ['--seed <n>', 'the random seed (default 42)'],
    ['--years <n>', `academic years to generate, 1 to ${ACADEMIC_YEARS} (default ${ACADEMIC_YEARS})`],
    ['--no-showcase', 'leave out the showcase children with 25 and 500 entries'],
    ['--skip-verify', 'do not verify the hash chains afterwards'],
  ],
  environment: [],
  examples: ['npm run generate-la -- --out ./data-la', 'npm run generate-la -- --out ./data-10k --scale 0.0043'],
  exitStatus: '0 generated (and verified); 1 generation failed; 2 bad arguments, or --out is not empty.',
};

async function generateLa(args: string[]): Promise<void> {
  const { values } = parseCommandLine({
    args,
    options: {
      out: { type: 'string' },
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '42' },
      years: { type: 'string', default: String(ACADEMIC_YEARS) },
      'no-showcase': { type: 'boolean', default: false },
      'skip-verify': { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new UsageError('--out <empty data directory> is required');
  const out = resolve(values.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`--out ${out} is not empty: give a new or empty directory`);
  const options = { scale: Number(values.scale), seed: Number(values.seed), years: Number(values.years), showcase: !values['no-showcase'], verify: !values['skip-verify'] };
  if (!(options.scale > 0)) throw new UsageError(`--scale must be a number above 0 (not ${values.scale})`);
  if (!Number.isInteger(options.seed)) throw new UsageError(`--seed must be a whole number (not ${values.seed})`);
  if (!(Number.isInteger(options.years) && options.years >= 1 && options.years <= ACADEMIC_YEARS)) throw new UsageError(`--years must be 1 to ${ACADEMIC_YEARS} (not ${values.years})`);

  const la = await generateLaInto(out, options);
  const s = la.stats;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const finals = sum(s.finalPlansByYear);
  const requests = sum(s.requestsByYear);
  const last = la.population.at(-1);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const t = la.timings;
  console.log(`
Synthetic LA ${la.laCode}, scale ${la.scale}, seed ${la.seed}, ${la.from} to ${la.to}, in ${join(out, 'ledger.sqlite')}
  ${la.appends.toLocaleString('en-GB')} entries in ${la.childStreams.toLocaleString('en-GB')} children's records: generated, judged and appended in ${t.generateSeconds.toFixed(0)} s (${Math.round(la.appends / t.generateSeconds).toLocaleString('en-GB')} entries/s; CPU ${t.cpu.generateSeconds.toFixed(0)} s); read models ${t.readModelSeconds.toFixed(0)} s (CPU ${t.cpu.readModelSeconds.toFixed(0)} s)${la.verified ? `; verified (${la.verified.entries.toLocaleString('en-GB')} entries, ${la.verified.streams.toLocaleString('en-GB')} streams) in ${t.verifySeconds!.toFixed(0)} s (CPU ${t.cpu.verifySeconds!.toFixed(0)} s)` : ''}; ${(la.bytes / 1e6).toFixed(0)} MB on disk
  against the reference (SEND-DOMAIN.md section 5, per LA, times the scale):
    requests in ${last?.academicYear ?? '-'}/${String((last?.academicYear ?? 0) + 1).slice(2)}      ${s.requestsByYear[last?.academicYear ?? 0] ?? 0}   (reference ${Math.round(END_OF_DECADE.requests * la.scale)} a year)
    refused an assessment       ${pct(s.refusedToAssess / Math.max(1, s.refusedToAssess + s.assessed))}   (model ${pct(REFUSE_TO_ASSESS)})
    not to issue, of assessed   ${pct(s.notToIssue / Math.max(1, s.assessed))}   (model ${pct(NOT_TO_ISSUE)})
    plans per request           ${pct(finals / Math.max(1, requests))}   (2024: 97,747 / 154,489 = 63.3%)
    final plans in 20 weeks     ${pct(sum(s.timelyByYear) / Math.max(1, finals))}   (58.7% in 2019 .. ${pct(timelyShare(2024))} in 2024)
    plans maintained, Sept ${last?.academicYear ?? '-'}  ${last?.plans ?? 0}   (reference ${Math.round(END_OF_DECADE.activePlans * la.scale)} at the end of the decade)
    on SEN support, Sept ${last?.academicYear ?? '-'}    ${last?.senSupport ?? 0}   (reference ${Math.round(END_OF_DECADE.senSupport * la.scale)})
    annual reviews ${s.reviews} (on time ${pct(s.reviewsOnTime / Math.max(1, s.reviews))}); ceased ${s.ceased}; appeals ${sum(s.appeals)}; phase transfers ${s.phaseTransfers}; moves out ${s.moves}
  showcase children: ${Object.entries(la.showcase).map(([k, v]) => `${k} ${v.childId} (${v.entries} entries)`).join(', ') || 'none'}
Serve it: SEND_LEDGER_DATA_DIR=${values.out} npm start`);
}

await runCommand(USAGE, generateLa);
