/**
 * The working document (SEND23) as the ledger holds it: a contents appeal on sections F and I of the fixtures' plan
 * (final 16 May 2025, one section F line), registered 2 June 2025, and the changes the parties then record.
 */
import { describe, expect, it } from 'vitest';
import { workingDocumentOf, type WorkingDocumentChange, type WorkingDocumentModel } from '../../src/domain/appeal/working-document.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEvent, ChildEventData } from '../../src/domain/child-record/events.js';
import { ids, withSectionF } from './child-record.fixtures.js';
import { afterCommands, command, laOfficer, parent, recorded } from './decider-specification.js';

const appealId = ids.appeal;
const id = (n: number) => `cccccccc-cccc-4ccc-8ccc-${n.toString().padStart(12, '0')}`;

const need = recorded('NeedsIdentified', { needId: ids.need, area: 'communication_and_interaction', rank: 'primary', description: 'Expressive language well below age' }, { on: '2025-05-16', by: laOfficer });
const appeal = recorded('AppealRegistered', { appealId, against: 'plan_contents', planId: ids.plan, sections: ['F', 'I'], tribunalReference: 'EH202/25/00042' }, { on: '2025-06-02', by: parent });
const report = { author: 'Dr Elliot EP', role: 'Educational psychologist', writtenOn: '2024-07-10', page: 4, paragraph: '3.2' };

const propose = (n: number, data: Partial<ChildEventData<'PlanAmendmentProposed'>>, on: string, by = parent) =>
  command('PlanAmendmentProposed', { amendmentId: id(n), planId: ids.plan, appealId, section: 'F', proposedBy: by === parent ? 'parent_carer' : 'local_authority', change: 'add', wording: `change ${n}`, evidence: [], ...data }, { on, by });
const answer = (n: number, answer: 'agreed' | 'disputed', on: string, by = laOfficer, reason?: string) =>
  command('PlanAmendmentAnswered', { amendmentId: id(n), by: by === parent ? 'parent_carer' : 'local_authority', answer, ...(reason ? { reason } : {}) }, { on, by });

/** Five changes, then version 1 sent by the LA; then an answer and a withdrawal after it. */
function history(): ChildEvent[] {
  return afterCommands(
    [...withSectionF, need, appeal],
    propose(1, { wording: 'Therapy weekly for 45 minutes, one to one', about: { kind: 'provision', id: ids.provision }, evidence: [report] }, '2025-06-10'),
    propose(2, { change: 'delete', wording: 'where resources allow', about: { kind: 'provision', id: ids.provision } }, '2025-06-10'),
    propose(3, { section: 'I', wording: 'Hillside Primary School', about: { kind: 'named_setting' } }, '2025-06-12', laOfficer),
    propose(4, { section: 'B', change: 'delete', wording: 'severe', about: { kind: 'need', id: ids.need } }, '2025-06-12', laOfficer),
    propose(5, { section: 'C', wording: 'Seen by the community paediatrician yearly' }, '2025-06-13'),
    answer(1, 'agreed', '2025-06-20'),
    answer(2, 'disputed', '2025-06-20', laOfficer, 'The qualification is enough'),
    command('WorkingDocumentIssued', { appealId, version: 1, issuedBy: 'local_authority' }, { on: '2025-06-23', by: laOfficer }),
    answer(3, 'disputed', '2025-07-01', parent, 'The school cannot meet the needs'),
    command('PlanAmendmentWithdrawn', { amendmentId: id(5) }, { on: '2025-07-02', by: parent }),
  );
}

const changes = (model: WorkingDocumentModel): WorkingDocumentChange[] =>
  model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'change' ? [b.change] : [])));

describe('the working document (SEND23) from the ledger', () => {
  it('shows the appealed sections and those with changes, in plan order, with headings in words (advisory ones marked)', () => {
    const model = workingDocumentOf(foldChildRecord(history()), appealId)!;
    expect(model.sections.map((s) => s.section)).toEqual(['B', 'F', 'I']);
    expect(model.sections.map((s) => s.heading)).toEqual(['Section B: Special educational needs', 'Section F: Special educational provision', 'Section I: Placement']);
    expect(model.appeal).toEqual({ reference: 'EH202/25/00042', against: 'plan_contents', sections: ['F', 'I'], registeredOn: '2025-06-02' });
    expect(model.childName).toBe('Child A');
  });

  it('places each change after the paragraph it is about, numbers its footnote in order and cites its evidence', () => {
    const model = workingDocumentOf(foldChildRecord(history()), appealId)!;
    const f = model.sections.find((s) => s.section === 'F')!;
    expect(f.blocks.map((b) => (b.kind === 'plan' ? b.paragraph.kind : b.change.wording))).toEqual([
      'provision', 'Therapy weekly for 45 minutes, one to one', 'where resources allow',
    ]);
    const b = model.sections.find((s) => s.section === 'B')!;
    expect(b.blocks.map((x) => (x.kind === 'plan' ? x.paragraph.kind : x.change.wording))).toEqual(['need', 'severe']);
    expect(changes(model).map((c) => [c.wording, c.footnote])).toEqual([
      ['severe', 1], ['Therapy weekly for 45 minutes, one to one', 2], ['where resources allow', 3], ['Hillside Primary School', 4],
    ]);
    expect(model.footnotes).toEqual([
      { number: 1, text: 'No evidence cited.' },
      { number: 2, text: 'Dr Elliot EP, Educational psychologist, report of 10 July 2024, page 4, paragraph 3.2.' },
      { number: 3, text: 'No evidence cited.' },
      { number: 4, text: 'No evidence cited.' },
    ]);
  });

  it('gives each change its hand and standing, leaves withdrawn ones out but counts them, and says who moved when', () => {
    const model = workingDocumentOf(foldChildRecord(history()), appealId)!;
    const byWording = Object.fromEntries(changes(model).map((c) => [c.wording, c]));
    expect(byWording['Therapy weekly for 45 minutes, one to one']).toMatchObject({ side: 'family', change: 'add', status: 'agreed', statusWords: 'Agreed by the local authority on 20 June 2025' });
    expect(byWording['where resources allow']).toMatchObject({ side: 'family', change: 'delete', status: 'disputed', disputeReason: 'The qualification is enough' });
    expect(byWording['Hillside Primary School']).toMatchObject({ side: 'local_authority', status: 'disputed', statusWords: 'Disputed by the parent or carer on 1 July 2025: The school cannot meet the needs' });
    expect(byWording['severe']).toMatchObject({ side: 'local_authority', change: 'delete', status: 'proposed', statusWords: 'Proposed on 12 June 2025: not yet answered' });
    expect(changes(model).some((c) => c.wording.startsWith('Seen by'))).toBe(false);
    expect(model.summary).toEqual({ inDispute: 2, agreed: 1, awaitingAnswer: 1, withdrawn: 1 });
    expect(model.moves[0]).toEqual({ on: '2025-06-10', party: 'parent_carer', what: 'proposed an addition to section F' });
    expect(model.moves).toContainEqual({ on: '2025-06-20', party: 'local_authority', what: "disputed the parent or carer's deletion from section F" });
    expect(model.moves).toContainEqual({ on: '2025-06-23', party: 'local_authority', what: 'sent version 1' });
    expect(model.moves.at(-1)).toEqual({ on: '2025-07-02', party: 'parent_carer', what: 'withdrew their addition to section C' });
  });

  it('names the version sent and the one in preparation when changes followed it', () => {
    const model = workingDocumentOf(foldChildRecord(history()), appealId)!;
    expect(model.version).toEqual({ number: 1, on: '2025-06-23', issuedBy: 'local_authority' });
    expect(model.versionWords).toBe('Version 1 of 23 June 2025, sent by the local authority');
    expect(model.inPreparation).toBe('Version 2 in preparation: changes recorded since version 1 of 23 June 2025');
  });

  it('shows a version as it stood when it was sent: later answers and withdrawals are not in it', () => {
    const model = workingDocumentOf(foldChildRecord(history()), appealId, { version: 1 })!;
    expect(model.inPreparation).toBeNull();
    expect(model.sections.map((s) => s.section)).toEqual(['B', 'C', 'F', 'I']);
    expect(model.sections.find((s) => s.section === 'C')!.heading).toMatch(/^Section C: .*\(advisory: the tribunal may only recommend\)$/);
    expect(model.summary).toEqual({ inDispute: 1, agreed: 1, awaitingAnswer: 3, withdrawn: 0 });
    expect(workingDocumentOf(foldChildRecord(history()), appealId, { version: 2 })).toBeNull();
  });

  it('before any version is sent, says the first is in preparation; an unknown appeal has no working document', () => {
    const first = afterCommands([...withSectionF, need, appeal], propose(1, {}, '2025-06-10'));
    const model = workingDocumentOf(foldChildRecord(first), appealId)!;
    expect(model.version).toBeNull();
    expect(model.versionWords).toBe('Draft: no version sent yet');
    expect(model.inPreparation).toBe('Version 1 in preparation: no version has been sent yet');
    expect(workingDocumentOf(foldChildRecord(first), ids.unknown)).toBeNull();
  });
});
