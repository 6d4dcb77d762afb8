import type { StatutoryRule } from './rule-types.js';

/**
 * The Common Transfer File: when a pupil ceases to be registered at a school and is to be registered at another, the
 * old school sends the pupil's common transfer file to the new one within 15 school days (Education (Pupil
 * Information) (England) Regulations 2005, SI 2005/1437, reg 9(3)). A duty of the school, not the LA: the school
 * that recorded the pupil leaving its roll holds it.
 */
const PUPIL_INFORMATION_REGS = '2005-09-01';

export const COMMON_TRANSFER_FILE_RULES: readonly StatutoryRule[] = [
  {
    id: 'common-transfer-file',
    title: 'Send the Common Transfer File to the next school',
    obligation: { kind: 'duty', holder: 'school' },
    versions: [
      {
        version: '2005',
        inForce: { from: PUPIL_INFORMATION_REGS },
        judgedOn: 'trigger_date',
        legalSource: 'Education (Pupil Information) (England) Regulations 2005 reg 9(3)',
        // The day the pupil came off the roll (the entry's leftOn), not the day the school recorded it.
        trigger: { entries: [{ type: 'PupilLeftRoll', subject: 'leavingId' }], dateFrom: { dataField: 'leftOn' } },
        stops: [{ type: 'CommonTransferFileSent', reason: 'the school sent the Common Transfer File' }],
        lapses: [],
        limit: { kind: 'duration', duration: { amount: 15, unit: 'school_days' } },
        note:
          'Counted in school days, which each school sets by its own term dates; the ledger does not hold them. It counts ' +
          'weekdays that are not bank holidays in England, not in August and not from 25 December to 1 January ' +
          '(school-days.ts): half-terms and the rest of the Christmas and Easter holidays count as school days here, so ' +
          'the due date shown may be earlier than the school\'s own calendar gives, never later. A pupil whose next ' +
          'school is not known still starts the clock: the file then goes to the DfE\'s secure site (school to school), ' +
          'which a CommonTransferFileSent with no destination records.',
      },
    ],
  },
];
