import { accessLogFile } from '../access-log/access-log-file.js';
import type { AccessLogVerification } from '../access-log/port.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { ledgerLocation, openConfiguredStore } from '../config/open-store.js';
import { treeHeadPublicKey } from '../integrity/signing-key.js';
import { verifyLedger, type LedgerVerification } from '../integrity/verify-ledger.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'verify',
  summary:
    'verify the configured ledger and its read-access log: every stored row accounted for, every hash chain ' +
    'recomputed, the log checked against every signed tree head it keeps (and their signatures), the access ' +
    "log's chain walked. It takes no arguments.",
  synopsis: [],
  options: [],
  environment: [...LEDGER_SETTINGS, ['TREE_HEAD_SIGNING_KEY', 'the key whose public half checks the tree heads (default: the one in the data directory)']],
  examples: ['npm run verify', 'SEND_LEDGER_STORE=postgres DATABASE_URL=postgres://send_ledger:<password>@localhost:5432/send_ledger npm run verify'],
  exitStatus: `0 both are intact; 1 one is broken (the first broken entry is named) or the ledger cannot be opened; 2 bad arguments; ${CONFIG_EXIT}.`,
};

async function verify(args: string[]): Promise<number> {
  parseCommandLine({ args });
  const config = loadConfigOrExit();
  const store = await openConfiguredStore(config);
  try {
    const key = treeHeadPublicKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY);
    const started = performance.now();
    const ledger = await verifyLedger(store, { treeHeadKey: key?.publicKeyPem });
    const accessLog = await store.accessLog.verify();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const accessLogLocation = config.SEND_LEDGER_STORE === 'postgres' ? `table access_log, ${ledgerLocation(config)}` : accessLogFile(config);
    console.log([...describeLedger(ledger, ledgerLocation(config), key?.keyId ?? null), ...describeAccessLog(accessLog, accessLogLocation), `Verified in ${seconds} s.`].join('\n'));
    return ledger.ok && accessLog.intact ? 0 : 1;
  } finally {
    await store.close();
  }
}

await runCommand(USAGE, verify);

function describeLedger(report: LedgerVerification, location: string, keyId: string | null): string[] {
  const heads =
    report.checkedTreeHeads === 0
      ? 'The ledger keeps no signed tree head to check the log against (npm run tree -- publish signs one).'
      : `Checked against ${report.checkedTreeHeads} signed tree head${report.checkedTreeHeads === 1 ? '' : 's'} kept in the ledger` +
        (report.treeHeadSignaturesChecked ? `, signatures verified with key ${keyId}.` : ': their signatures were NOT checked (no TREE_HEAD_SIGNING_KEY and no key in the data directory).');
  if (report.ok) {
    return [
      `Ledger intact: ${report.checkedEvents} entries in ${report.checkedStreams} streams verified (${location}).`,
      `  ${heads}`,
      `  Tree head of the verified log: size ${report.treeSize}, root ${report.rootHash}.`,
    ];
  }
  const fault = report.firstFault!;
  const where =
    fault.lastGlobalPosition === undefined
      ? `First broken entry: global position ${fault.globalPosition}` +
        `${fault.streamId ? `, stream ${fault.streamId} revision ${fault.streamRevision}` : ''}${fault.eventId ? `, event ${fault.eventId}` : ''}`
      : `Broken between global positions ${fault.globalPosition} and ${fault.lastGlobalPosition}`;
  return [`LEDGER BROKEN after ${report.checkedEvents} intact entries (${location}).`, `  ${where}`, `  Problem: ${fault.problem}`, `  ${heads}`];
}

function describeAccessLog(report: AccessLogVerification, location: string): string[] {
  if (report.intact) return [`Read-access log intact: ${report.entries} entries verified (${location}).`];
  return [
    `READ-ACCESS LOG BROKEN after ${report.entries - 1} intact entries (${location}).`,
    `  First broken entry: sequence ${report.firstBrokenSequence}`,
    `  Problem: ${report.problem ?? 'its hash does not follow from the entry before it'}`,
  ];
}
