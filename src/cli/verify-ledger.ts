import { verifyLedger } from '../integrity/verify-ledger.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { ledgerLocation, openConfiguredStore } from '../config/open-store.js';

/** Recompute every hash chain in the configured store. Exit 0 when intact, 1 naming the first broken entry. */
const config = loadConfigOrExit();
const store = await openConfiguredStore(config);
try {
  const report = await verifyLedger(store);
  if (report.ok) {
    console.log(`Ledger intact: ${report.checkedEvents} entries in ${report.checkedStreams} streams verified (${ledgerLocation(config)}).`);
  } else {
    const fault = report.firstFault!;
    console.log(`LEDGER BROKEN after ${report.checkedEvents} intact entries.`);
    console.log(`  First broken entry: global position ${fault.globalPosition}` +
      `${fault.streamId ? `, stream ${fault.streamId} revision ${fault.streamRevision}` : ''}${fault.eventId ? `, event ${fault.eventId}` : ''}`);
    console.log(`  Problem: ${fault.problem}`);
    process.exitCode = 1;
  }
} finally {
  await store.close();
}
