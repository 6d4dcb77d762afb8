import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { childAccessIndex } from '../../projections/child-access-index.js';
import { childDirectory } from '../../projections/child-directory.js';
import { AccessRecorder } from '../access-log/access-recorder.js';
import { AccessCache } from '../application/access-cache.js';
import { sen2ReturnOf } from '../application/sen2-return-of.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { startProjections } from '../read-models/projector.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';
import { actorOfToken, TOKEN_VARIABLE, tokenFromEnvironment } from './token-actor.js';


const USAGE: Usage = {
  script: 'sen2',
  summary:
    "make an LA's SEN2 person-level return for the January census of a year (covering the calendar year before), as the " +
    'sen2Return query and the /accountability/sen2 page do, as the LA officer a token names (read from ' +
    `${TOKEN_VARIABLE}, not the command line). The file is checked against the project's own schema (written from the ` +
    "published specification: the DfE's schema file could not be obtained) and the guide's rules the ledger can check; " +
    'a return that does not pass is still written, and every failure is printed. Each child included is noted in the access log.',
  synopsis: ['--la <code> --year <YYYY> [--out <file.xml>]'],
  options: [
    ['--la <code>', "required: the LA's three-digit DfE code; your token must be an LA officer's of that LA"],
    ['--year <YYYY>', 'required: the return year (its census is the third Thursday of January of that year), 2023 or later'],
    ['--out <file.xml>', 'where to write the file (default: sen2-<la>-<year>.xml in the current directory)'],
  ],
  environment: [
    [TOKEN_VARIABLE, 'required: your token (SEND_LEDGER_TOKEN=$(npm run -s token -- --role la_officer --org 202 ...) in development)'],
    ...LEDGER_SETTINGS,
    ['AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ALGORITHMS, AUTH_CLOCK_TOLERANCE_SECONDS', 'how the token is verified, as the server verifies it'],
  ],
  examples: [`${TOKEN_VARIABLE}=<token> npm run sen2 -- --la 202 --year 2026 --out sen2.xml`],
  exitStatus: `0 written and it passes the checks; 4 written but it does not pass (each failure printed on stderr); 1 no such return for you (you are not an officer of that LA); 2 bad arguments or a token that is not accepted; ${CONFIG_EXIT}.`,
};

async function sen2Return(args: string[]): Promise<number> {
  const { values } = parseCommandLine({ args, options: { la: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } } });
  if (!values.la || !/^\d{3}$/.test(values.la)) throw new UsageError('--la is required: a three-digit LA code, e.g. 202');
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2023 || year > 2100) throw new UsageError('--year is required: a return year from 2023, e.g. 2026');
  const token = tokenFromEnvironment('the children read are logged under the identity it proves');
  const config = loadConfigOrExit();
  const actor = await actorOfToken(config, token);

  const store = await openConfiguredStore(config);
  const clock = () => new Date();
  const running = await startProjections(store, store.readModels, [childDirectory, childAccessIndex], (error) => {
    throw error;
  });
  const readModel = (name: string) => running.find((projection) => projection.name === name)!;
  const reads = new AccessRecorder({ actor, requestId: randomUUID(), purpose: `SEN2 return ${values.la} ${year}`, via: 'command-line' });
  try {
    const deps = { store, clock, directory: readModel(childDirectory.name), accessIndex: readModel(childAccessIndex.name), accessCache: new AccessCache() };
    let answer;
    try {
      answer = await sen2ReturnOf(deps, { actor, reads }, values.la, year);
    } finally {
      // As the API does before it answers: every child read is in the access log before the file is written.
      const entries = reads.drain(clock());
      if (entries.length > 0) await store.accessLog.append(entries);
    }
    if (!answer) {
      console.error(`no SEN2 return of LA ${values.la} for you: only an LA officer of that LA may make it`);
      return 1;
    }
    const out = values.out ?? `sen2-${values.la}-${year}.xml`;
    writeFileSync(out, answer.xml);
    const { validation, period } = answer;
    const checked = answer.rules.filter((rule) => rule.checked).length;
    console.log(
      `Wrote ${out}: the SEN2 return of LA ${values.la} for the census of ${period.referenceDate}, covering ${period.year}, ` +
        `${answer.sen2.persons.length} children; ${answer.totals.requestsReceived.count} requests received, ${answer.totals.plansIssued.count} new plans, ` +
        `${answer.totals.activePlans.count} plans active on the census date.`,
    );
    console.log(`Not held, left out for you to add before submitting: ${answer.notHeld.map((n) => n.item).join('; ')}.`);
    if (validation.valid) {
      console.log(`It passes the project's schema and the ${checked} rules of the guide the ledger checks.`);
      return 0;
    }
    console.error(`It does NOT pass: ${validation.schemaErrors.length} schema errors, ${validation.ruleFailures.length} rule failures.`);
    for (const e of validation.schemaErrors) console.error(`schema${e.line ? ` (line ${e.line})` : ''}: ${e.message}`);
    for (const f of validation.ruleFailures) console.error(`${f.ruleId} child ${f.childId ?? '-'}: ${f.message}`);
    return 4;
  } finally {
    await Promise.all(running.map((projection) => projection.stop()));
    await store.close();
  }
}

await runCommand(USAGE, sen2Return);
