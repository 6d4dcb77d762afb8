import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord, PupilLeaving } from '../state.js';
import { dateOf, requireNew, requireNotBefore } from './guards.js';

/**
 * A pupil leaving a school's roll, the Common Transfer File the school must send within 15 school days
 * (Education (Pupil Information) (England) Regs 2005 reg 9(3)), and the SEN file that goes with it. The time limit
 * is a statutory clock (statutory-clocks/); these rules keep the steps in order.
 */
export function pupilLeftRoll(command: CommandOf<'PupilLeftRoll'>, record: ChildRecord): void {
  requireNew(record.leavings[command.data.leavingId] !== undefined, 'leaving-exists', `leaving ${command.data.leavingId}`, 'leavingId');
  // Only the school itself takes a pupil off its roll: the duty to send the files that follows is its own.
  if (command.data.setting.urn !== command.actor.organisation) {
    throw new RuleViolation('left-roll-of-other-setting', `setting.urn must be your own setting's URN (${command.actor.organisation}): a school records pupils leaving its own roll`, 'setting.urn');
  }
  if (command.data.leftOn > dateOf(command.occurredAt)) {
    throw new RuleViolation('left-roll-in-future', 'leftOn is after the day this is recorded as happening: record a pupil leaving once they have left', 'leftOn');
  }
  const born = record.profile?.dateOfBirth;
  if (born && command.data.leftOn < born) throw new RuleViolation('left-roll-before-birth', `leftOn is before the child's date of birth (${born})`, 'leftOn');
}

function leavingOf(record: ChildRecord, leavingId: string): PupilLeaving {
  const leaving = record.leavings[leavingId];
  if (!leaving) throw new RuleViolation('unknown-leaving', `this child has no record of leaving a roll with id ${leavingId}`, 'leavingId');
  return leaving;
}

export function commonTransferFileSent(command: CommandOf<'CommonTransferFileSent'>, record: ChildRecord): void {
  const leaving = leavingOf(record, command.data.leavingId);
  if (leaving.ctfSent) throw new RuleViolation('ctf-already-sent', 'the Common Transfer File for this leaving is already recorded as sent', 'leavingId');
  requireNotBefore(command.occurredAt, leaving.leftOn, 'ctf-before-leaving', 'a Common Transfer File is sent once the pupil has left the roll');
}

export function commonTransferFileReceived(command: CommandOf<'CommonTransferFileReceived'>, record: ChildRecord): void {
  requireNew(record.transferFilesReceived[command.data.ctfId] !== undefined, 'ctf-received-exists', `Common Transfer File ${command.data.ctfId}`, 'ctfId');
}

export function sendFileTransferred(command: CommandOf<'SendFileTransferred'>, record: ChildRecord): void {
  requireNew(record.sendFileTransfers[command.data.transferId] !== undefined, 'send-file-transfer-exists', `SEN file transfer ${command.data.transferId}`, 'transferId');
}

export function sendFileReceived(command: CommandOf<'SendFileReceived'>, record: ChildRecord): void {
  const transfer = record.sendFileTransfers[command.data.transferId];
  if (!transfer) throw new RuleViolation('unknown-send-file-transfer', `this child has no SEN file transfer with id ${command.data.transferId}`, 'transferId');
  if (transfer.received) throw new RuleViolation('send-file-already-received', 'this SEN file is already recorded as received', 'transferId');
  requireNotBefore(command.occurredAt, transfer.sent.on, 'send-file-received-before-sent', 'a SEN file is received after it was sent');
}
