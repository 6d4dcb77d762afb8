import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessRecorder } from '../access-log/access-recorder.js';
import { AccessCache } from '../application/access-cache.js';
import { AnnexAAsked, annexAOf } from '../application/annex-a-of.js';
import { BadInput } from '../application/bad-input.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { childAccessIndex } from '../../projections/child-access-index.js';
import { childDirectory } from '../../projections/child-directory.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import { startProjections } from '../read-models/projector.js';
import { annexACsv } from '../reports/annex-a/annex-a-csv.js';
import { annexAFileName } from '../reports/annex-a/annex-a-notes.js';
import { annexAWorkbook } from '../reports/annex-a/annex-a-workbook.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';
import { actorOfToken, TOKEN_VARIABLE, tokenFromEnvironment } from './token-actor.js';

const PURPOSE = 'Annex A lists for an area SEND inspection';

const USAGE: Usage = {
  script: 'annex-a',
  summary:
    "write the Annex A lists an area SEND inspection asks a local authority for (List 1, children and young people with an EHC plan; List 2, those on SEN support) " +
    'as of a day, as the page /accountability/annex-a does: a workbook (.xlsx, with an About sheet) and a CSV per list. Only an LA officer of that local ' +
    `authority may, as the person a token names (read from ${TOKEN_VARIABLE}, verified as the API verifies a bearer token); each child listed is noted in ` +
    "the access log as read by them, via \"command-line\". The columns are written from Ofsted and CQC's published framework and handbook, not the " +
    "inspectorates' own template; a column the ledger does not hold says \"Not held in SEND Ledger\".",
  synopsis: ['--la <code> [--as-of YYYY-MM-DD] [--out <dir>]'],
  options: [
    ['--la <code>', 'required: the three-digit DfE code of your local authority (e.g. 202)'],
    ['--as-of <YYYY-MM-DD>', 'the day the lists are as of: today or earlier (default today, in England)'],
    ['--out <dir>', 'where to write the three files (default: the current directory)'],
  ],
  environment: [
    [TOKEN_VARIABLE, 'required: your token (SEND_LEDGER_TOKEN=$(npm run -s token -- --role la_officer --org 202 ...) in development)'],
    ...LEDGER_SETTINGS,
    ['AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ALGORITHMS, AUTH_CLOCK_TOLERANCE_SECONDS', 'how the token is verified, as the server verifies it'],
  ],
  examples: [`${TOKEN_VARIABLE}=<token> npm run annex-a -- --la 202 --as-of 2026-03-02 --out inspection/`],
  exitStatus: `0 written; 1 no lists you may read for that local authority (you are not one of its LA officers); 2 bad arguments or a token that is not accepted; ${CONFIG_EXIT}.`,
};

/** The option a refusal from the application names, as the command line spells it. */
const OPTION_OF: Record<string, string> = { laCode: '--la', asOf: '--as-of' };

async function annexA(args: string[]): Promise<number> {
  const { values } = parseCommandLine({ args, options: { la: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } } });
  if (!values.la) throw new UsageError('--la is required');
  // Checked before anything is opened; the application checks again (and that the day is not still to come).
  const shape = AnnexAAsked.safeParse({ laCode: values.la, asOf: values['as-of'] ?? '2000-01-01' });
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    throw new UsageError(`${OPTION_OF[String(issue.path[0])] ?? '--la'}: ${issue.message}`);
  }
  const token = tokenFromEnvironment('the lists are read, and logged, as the person it names');
  const config = loadConfigOrExit();
  const actor = await actorOfToken(config, token);

  const store = await openConfiguredStore(config);
  const clock = () => new Date();
  const running = await startProjections(store, store.readModels, [childDirectory, childAccessIndex], (error, projection) =>
    console.error(`npm run annex-a: the read model ${projection} stopped: ${error instanceof Error ? error.message : String(error)}`),
  );
  const reads = new AccessRecorder({ actor, requestId: randomUUID(), purpose: PURPOSE, via: 'command-line' });
  try {
    const readModel = (name: string) => running.find((projection) => projection.name === name)!;
    const deps = { store, clock, directory: readModel(childDirectory.name), accessIndex: readModel(childAccessIndex.name), accessCache: new AccessCache() };
    const asOf = values['as-of'] ?? englandDateOf(clock().toISOString());
    let lists;
    try {
      lists = await annexAOf(deps, { actor, reads }, { laCode: values.la, asOf });
    } catch (error) {
      if (error instanceof BadInput) throw new UsageError(`${OPTION_OF[error.field] ?? error.field}: ${error.issues[0]?.message ?? error.message}`);
      throw error;
    } finally {
      // As the API does before it answers: each child listed is in the access log before a file is written.
      const entries = reads.drain(clock());
      if (entries.length > 0) await store.accessLog.append(entries);
    }
    if (!lists) {
      console.error(`no Annex A lists for local authority ${values.la} that you may read: only its LA officers may`);
      return 1;
    }
    const dir = values.out ?? '.';
    mkdirSync(dir, { recursive: true });
    const written = [
      [annexAFileName(lists, 'xlsx'), await annexAWorkbook(lists, { at: clock(), by: `${actor.displayName} (${actor.role}, ${actor.organisation}), from the command line` })],
      [annexAFileName(lists, 'list-1'), annexACsv(lists.list1)],
      [annexAFileName(lists, 'list-2'), annexACsv(lists.list2)],
    ] as const;
    for (const [name, body] of written) writeFileSync(join(dir, name), body);
    console.log(
      `Wrote the Annex A lists of local authority ${lists.laCode} as of ${lists.asOf}: ${lists.list1.rows.length} on List 1 (EHC plans), ` +
        `${lists.list2.rows.length} on List 2 (SEN support), to ${written.map(([name]) => join(dir, name)).join(', ')}.`,
    );
    return 0;
  } finally {
    await Promise.all(running.map((projection) => projection.stop()));
    await store.close();
  }
}

await runCommand(USAGE, annexA);
