/**
 * The golden thread's flags on the fixtures' journey (final plan 16 May 2025), each history built through the decider:
 * two needs in B, section F lines tied (or not) to them and citing reports, and changes proposed in a working document.
 */
import { describe, expect, it } from 'vitest';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEvent, ChildEventData } from '../../src/domain/child-record/events.js';
import { goldenThreadFlags, goldenThreadNotes, professionOf } from '../../src/domain/provision-quality/golden-thread.js';
import { ids, sectionFTerms, untilFinal } from './child-record.fixtures.js';
import { afterCommands, command, laOfficer, parent } from './decider-specification.js';

const need2 = '11111111-1111-4111-8111-111111111114';
const appealId = ids.appeal;
const changeId = 'cccccccc-cccc-4ccc-8ccc-cccccccccc01';
const asOf = '2026-03-02';

const needs = afterCommands(
  untilFinal,
  command('NeedsIdentified', { needId: ids.need, area: 'communication_and_interaction', rank: 'primary', description: 'Expressive language difficulties' }, { on: '2025-05-16', by: laOfficer }),
  command('NeedsIdentified', { needId: need2, area: 'cognition_and_learning', rank: 'secondary', description: 'Reading well below age-related expectations' }, { on: '2025-05-16', by: laOfficer }),
);

const epReport = { author: 'Dr Elliot Park', role: 'Educational psychologist (HCPC registered)', writtenOn: '2025-03-20', page: 9, paragraph: '4.2', adviceRequestId: ids.adviceRequest };
const speechReport = { author: 'Nia Jones', role: 'Speech and language therapist', writtenOn: '2024-11-02', page: 3 };

const line = (overrides: Partial<ChildEventData<'ProvisionPromised'>>) => command('ProvisionPromised', sectionFTerms(overrides), { on: '2025-05-16', by: laOfficer });
const flagsOf = (history: ChildEvent[], on = asOf) => goldenThreadFlags(foldChildRecord(history), on);
const kinds = (history: ChildEvent[], on = asOf) => flagsOf(history, on).map((flag) => flag.kind);

/** Both needs met, each line tied to a need and resting on a current report. */
const threaded = afterCommands(
  needs,
  line({ needIds: [ids.need], evidence: [speechReport] }),
  line({ provisionId: ids.otherProvision, description: 'Structured phonics teaching in a small group', needIds: [need2], evidence: [epReport] }),
);

describe('the golden thread (SEND Code of Practice 9.69; the tribunal\'s Practice Direction on expert evidence)', () => {
  it('raises no flag on a plan whose every need has provision, whose every line serves a need and rests on current evidence', () => {
    expect(flagsOf(threaded)).toEqual([]);
    expect(goldenThreadNotes(foldChildRecord(threaded), asOf)).toEqual([]);
  });

  it('flags a need in B that no open line of F meets, naming the need and the entry that identified it', () => {
    const history = afterCommands(needs, line({ needIds: [ids.need], evidence: [speechReport] }));
    const flags = flagsOf(history);
    expect(flags).toEqual([expect.objectContaining({ kind: 'need_without_provision', planId: ids.plan, needId: need2 })]);
    expect(flags[0]!.explanation).toMatch(/“Reading well below age-related expectations” \(identified on 16 May 2025\).*9\.69.*each and every need/);
    expect(flags[0]!.eventIds).toEqual([history.find((e) => e.type === 'NeedsIdentified' && e.data.needId === need2)!.eventId]);
  });

  it('flags the need again once the only line that met it is withdrawn', () => {
    const history = afterCommands(
      threaded,
      command('ProvisionWithdrawn', { provisionId: ids.otherProvision, reason: 'Phonics now taught in class', authority: { name: 'Casey Caseworker', role: 'Panel chair' } }, { on: '2025-10-01', by: laOfficer }),
    );
    expect(kinds(history)).toEqual(['need_without_provision']);
    // Before the withdrawal, the need was met.
    expect(kinds(history, '2025-09-30')).toEqual([]);
  });

  it('flags an open line of F tied to no need, in a plan where lines name their needs', () => {
    const lunchClub = '55555555-5555-4555-8555-555555555509';
    const history = afterCommands(threaded, line({ provisionId: lunchClub, description: 'A place in the lunchtime club' }));
    const flags = flagsOf(history);
    expect(flags).toEqual([expect.objectContaining({ kind: 'provision_without_need', provisionId: lunchClub })]);
    expect(flags[0]!.eventIds).toEqual([history.at(-1)!.eventId]);
    expect(flags[0]!.explanation).toMatch(/does not say which need in section B it meets/);
  });

  it('gives a plan none of whose lines names a need one note, not a flag per need and per line', () => {
    const history = afterCommands(needs, line({}));
    expect(flagsOf(history)).toEqual([]);
    expect(goldenThreadNotes(foldChildRecord(history), asOf)).toEqual([{ planId: ids.plan, explanation: expect.stringMatching(/not checked/) }]);
  });

  it('flags a line citing a report written more than 3 years before the day, and not one written 3 years before to the day', () => {
    const old = { ...speechReport, writtenOn: '2023-03-01' };
    const history = afterCommands(needs, line({ needIds: [ids.need, need2], evidence: [old] }));
    const flags = flagsOf(history);
    expect(flags).toEqual([expect.objectContaining({ kind: 'evidence_over_three_years_old', provisionId: ids.provision })]);
    expect(flags[0]!.explanation).toBe(
      'This line rests on a report by Nia Jones, speech and language therapist, written on 1 March 2023, more than 3 years ago: ' +
        'the tribunal\'s Practice Direction asks for expert evidence no older than that at the hearing.',
    );
    expect(kinds(history, '2026-03-01')).toEqual([]);
  });

  it('flags a line whose report a later report of the same profession supersedes, cited in a proposed change', () => {
    const independent = { author: 'Dr Ruth Calloway', role: 'Educational psychologist (independent)', writtenOn: '2025-10-27', page: 14 };
    const contents = afterCommands(
      threaded,
      command('AppealRegistered', { appealId, against: 'plan_contents', planId: ids.plan, sections: ['F'] }, { on: '2025-11-10', by: parent }),
    );
    const proposal = command(
      'PlanAmendmentProposed',
      { amendmentId: changeId, planId: ids.plan, appealId, section: 'F', proposedBy: 'parent_carer', change: 'add', wording: 'Phonics daily', evidence: [independent] },
      { on: '2025-12-01', by: parent },
    );
    const history = afterCommands(contents, proposal);
    const flags = flagsOf(history);
    expect(flags).toEqual([expect.objectContaining({ kind: 'evidence_superseded', provisionId: ids.otherProvision })]);
    expect(flags[0]!.explanation).toMatch(/Dr Elliot Park, educational psychologist \(HCPC registered\), written on 20 March 2025; a later report of the same kind, by Dr Ruth Calloway.*27 October 2025, is cited in the parent's proposed change to section F/);
    const adviceReceived = history.find((e) => e.type === 'AdviceReceived')!.eventId;
    expect(flags[0]!.eventIds).toEqual([contents.find((e) => e.type === 'ProvisionPromised' && e.data.provisionId === ids.otherProvision)!.eventId, adviceReceived, history.at(-1)!.eventId]);
    // Not before that report was cited, and not by a report of another profession or an earlier one.
    expect(kinds(history, '2025-11-30')).toEqual([]);
    const otherKinds = afterCommands(contents, { ...proposal, data: { ...proposal.data, evidence: [{ ...independent, role: 'Occupational therapist' }, { ...independent, writtenOn: '2025-01-01' }] } });
    expect(kinds(otherKinds)).toEqual([]);
  });

  it('flags a report that came as advice when later advice of the same type was asked for after it was written', () => {
    const later = '33333333-3333-4333-8333-333333333309';
    const history = afterCommands(
      threaded,
      command('AssessmentRequested', { requestId: ids.secondRequest, requestedBy: 'parent_carer' }, { on: '2025-09-01', by: parent }),
      command('DecisionToAssess', { requestId: ids.secondRequest }, { on: '2025-10-01', by: laOfficer }),
      command('AdviceRequested', { adviceRequestId: later, requestId: ids.secondRequest, adviceType: 'psychological', from: { organisation: 'Camden EP Service', role: 'Educational psychologist' } }, { on: '2025-10-02', by: laOfficer }),
    );
    // Asked for, not yet received: nothing supersedes the report yet.
    expect(kinds(history)).toEqual([]);
    const received = afterCommands(history, command('AdviceReceived', { adviceRequestId: later, summary: 'Updated advice' }, { on: '2025-11-20', by: laOfficer }));
    const flags = flagsOf(received);
    expect(flags).toEqual([expect.objectContaining({ kind: 'evidence_superseded', provisionId: ids.otherProvision, eventIds: expect.arrayContaining([received.at(-1)!.eventId]) })]);
    expect(flags[0]!.explanation).toMatch(/the psychological advice from Camden EP Service received on 20 November 2025, was asked for after it/);
  });

  describe('a change drafted on a superseded version of the plan', () => {
    const contents = afterCommands(
      threaded,
      command('AppealRegistered', { appealId, against: 'plan_contents', planId: ids.plan, sections: ['F'] }, { on: '2025-11-10', by: parent }),
      command(
        'PlanAmendmentProposed',
        { amendmentId: changeId, planId: ids.plan, appealId, section: 'F', proposedBy: 'parent_carer', change: 'add', wording: 'Therapy twice a week', evidence: [] },
        { on: '2025-12-01', by: parent },
      ),
    );
    const amended = afterCommands(contents, command('PlanAmended', { planId: ids.plan, summary: 'Section F: therapy in a group', reason: 'Review' }, { on: '2026-01-16', by: laOfficer }));

    it('is flagged while it is neither agreed nor withdrawn, naming the version and the amendment that replaced it', () => {
      expect(kinds(contents)).toEqual([]);
      const flags = flagsOf(amended);
      expect(flags).toEqual([expect.objectContaining({ kind: 'drafted_on_superseded_plan', amendmentId: changeId, eventIds: [contents.at(-1)!.eventId, amended.at(-1)!.eventId] })]);
      expect(flags[0]!.explanation).toBe(
        'This change to section F was written against version 1 of the plan, which the amendment of 16 January 2026 replaced (the plan is now at version 2): check its wording against the plan as it now stands.',
      );
      expect(kinds(amended, '2026-01-15')).toEqual([]);
    });

    it('is not flagged once agreed or withdrawn', () => {
      const agreed = afterCommands(amended, command('PlanAmendmentAnswered', { amendmentId: changeId, by: 'local_authority', answer: 'agreed' }, { on: '2026-02-01', by: laOfficer }));
      expect(kinds(agreed)).toEqual([]);
      const disputed = afterCommands(amended, command('PlanAmendmentAnswered', { amendmentId: changeId, by: 'local_authority', answer: 'disputed', reason: 'Not needed' }, { on: '2026-02-01', by: laOfficer }));
      expect(kinds(disputed)).toEqual(['drafted_on_superseded_plan']);
      const withdrawn = afterCommands(amended, command('PlanAmendmentWithdrawn', { amendmentId: changeId }, { on: '2026-02-01', by: parent }));
      expect(kinds(withdrawn)).toEqual([]);
    });

    it('is not flagged when the change was written against the plan as it stands', () => {
      const after = afterCommands(
        amended,
        command(
          'PlanAmendmentProposed',
          { amendmentId: 'cccccccc-cccc-4ccc-8ccc-cccccccccc02', planId: ids.plan, appealId, section: 'F', proposedBy: 'parent_carer', change: 'delete', wording: 'in a group', evidence: [] },
          { on: '2026-01-20', by: parent },
        ),
      );
      expect(flagsOf(after).map((flag) => flag.amendmentId)).toEqual([changeId]);
    });
  });

  it('flags nothing on a ceased plan', () => {
    const history = afterCommands(needs, line({ needIds: [ids.need], evidence: [{ ...speechReport, writtenOn: '2020-01-01' }] }), command('PlanCeased', { planId: ids.plan, reason: 'needs_met' }, { on: '2025-09-01', by: laOfficer }));
    expect(kinds(history)).toEqual([]);
    expect(kinds(history, '2025-08-31')).toEqual(['need_without_provision', 'evidence_over_three_years_old']);
  });

  it('reads a profession from a role, whatever its qualifiers', () => {
    expect(professionOf('Educational psychologist (independent, HCPC registered)')).toBe('educational psychologist');
    expect(professionOf('Senior Educational Psychologist')).toBe('educational psychologist');
    expect(professionOf('Occupational therapist')).not.toBe(professionOf('Speech and language therapist'));
  });
});
