import { describe, expect, it } from 'vitest';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEventData } from '../../src/domain/child-record/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { summariseEntry } from '../../projections/entry-summary.js';
import { childRegisteredData, ids, laAuthority, sectionFTerms, untilDraft, untilFinal } from './child-record.fixtures.js';
import { afterCommands, at, command, emitted, given, laOfficer, parent, recorded, senco } from './decider-specification.js';
import { otherLaOfficer, pids } from './participation.fixtures.js';

/**
 * One child across the 2014 reform: School Action Plus (2011), a statement (March 2012), the transfer review
 * to an EHC plan (February 2016), then a 2017 annual review and amendment of the transferred plan.
 */
const registered = recorded('ChildRegistered', { ...childRegisteredData, dateOfBirth: '2006-10-02' }, { on: '2011-01-10', by: laOfficer });
const statementData: ChildEventData<'StatementMade'> = {
  statementId: pids.statement,
  madeBy: '202',
  provisionSummary: 'Part 3: 15 hours a week of teaching assistant support; speech and language therapy once a fortnight',
  namedSchool: { name: 'Hillside Primary School', urn: '123456' },
};
const transferData: ChildEventData<'StatementTransferredToEhcPlan'> = {
  statementId: pids.statement,
  planId: pids.transferredPlan,
  namedSetting: { name: 'Parkside Secondary School', urn: '654321' },
};
const actionPlus = recorded('SchoolActionPlusRecorded', { iepSummary: 'IEP: reading and spelling targets', externalSupport: 'Specialist teacher for literacy' }, { on: '2011-05-10', by: senco });
const statement = recorded('StatementMade', statementData, { on: '2012-03-15', by: laOfficer });
const transferred = recorded('StatementTransferredToEhcPlan', transferData, { on: '2016-02-01', by: laOfficer });
const historic = [registered, actionPlus, statement];

describe('child record: historic records across the 2014 reform', () => {
  describe('StatementMade (Education Act 1996 s.324)', () => {
    it('the child\'s LA records a statement made before 1 September 2014, also one another LA made', () => {
      given(registered).when(command('StatementMade', statementData, { on: '2012-03-15', by: laOfficer })).then([emitted('StatementMade', statementData)]);
      const byOtherLa = { ...statementData, madeBy: '206' };
      given(registered).when(command('StatementMade', byOtherLa, { on: '2014-08-31', by: laOfficer })).then([emitted('StatementMade', byOtherLa)]);
    });

    it('refuses a statement dated on or after 1 September 2014 (no new statements after the reform)', () => {
      const error = given(registered)
        .when(command('StatementMade', statementData, { on: '2014-09-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'statement-after-reform', field: 'occurredAt' });
      expect(error.message).toContain('Children and Families Act 2014');
    });

    it('only an officer of the child\'s LA records a statement', () => {
      for (const by of [senco, parent, otherLaOfficer]) {
        given(registered).when(command('StatementMade', statementData, { on: '2012-03-15', by })).thenThrows(NotPermitted);
      }
    });

    it('refuses a statement id already used, and a statement dated before the child was born', () => {
      given(...historic).when(command('StatementMade', statementData, { on: '2012-04-01', by: laOfficer })).thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'statementId' });
      given(registered)
        .when(command('StatementMade', statementData, { on: '2006-10-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'before-birth', field: 'occurredAt' });
    });
  });

  describe('School Action / School Action Plus (SEN Code of Practice 2001)', () => {
    it('the setting records the stages with the IEP', () => {
      given(registered).when(command('SchoolActionRecorded', { iepSummary: 'IEP: phonics' }, { on: '2010-11-01', by: senco })).then([emitted('SchoolActionRecorded', { iepSummary: 'IEP: phonics' })]);
      given(registered).when(command('SchoolActionPlusRecorded', actionPlus.data as ChildEventData<'SchoolActionPlusRecorded'>, { on: '2015-03-31', by: laOfficer }))
        .then([emitted('SchoolActionPlusRecorded', actionPlus.data as ChildEventData<'SchoolActionPlusRecorded'>)]);
    });

    it('refuses a stage dated after SEN support replaced them, and one recorded by a parent', () => {
      given(registered)
        .when(command('SchoolActionRecorded', { iepSummary: 'IEP' }, { on: '2015-04-01', by: senco }))
        .thenThrows(RuleViolation, { rule: 'school-action-after-reform', field: 'occurredAt' });
      given(registered).when(command('SchoolActionRecorded', { iepSummary: 'IEP' }, { on: '2012-01-01', by: parent })).thenThrows(NotPermitted);
    });

    it('the fold keeps the stages in order', () => {
      const action = recorded('SchoolActionRecorded', { iepSummary: 'IEP: phonics' }, { on: '2010-11-01', by: senco });
      expect(foldChildRecord([registered, action, actionPlus]).historicStages.map((s) => [s.stage, s.on])).toEqual([
        ['school_action', at('2010-11-01')],
        ['school_action_plus', at('2011-05-10')],
      ]);
    });
  });

  describe('StatementTransferredToEhcPlan (transfer review, 1 September 2014 to 1 April 2018)', () => {
    it('the child\'s LA transfers the statement to a final EHC plan', () => {
      given(...historic).when(command('StatementTransferredToEhcPlan', transferData, { on: '2016-02-01', by: laOfficer })).then([emitted('StatementTransferredToEhcPlan', transferData)]);
    });

    it.each([['2014-09-01'], ['2018-03-31']])('accepts a transfer on %s', (on) => {
      given(...historic).when(command('StatementTransferredToEhcPlan', transferData, { on, by: laOfficer })).then([emitted('StatementTransferredToEhcPlan', transferData)]);
    });

    it.each([['2014-08-31'], ['2018-04-01'], ['2019-01-15']])('refuses a transfer on %s, outside the transitional period', (on) => {
      given(...historic)
        .when(command('StatementTransferredToEhcPlan', transferData, { on, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'transfer-outside-transitional-period', field: 'occurredAt' });
    });

    it('refuses a transfer of an unknown statement, or of one already transferred', () => {
      given(registered)
        .when(command('StatementTransferredToEhcPlan', transferData, { on: '2016-02-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-statement', field: 'statementId' });
      given(...historic, transferred)
        .when(command('StatementTransferredToEhcPlan', { ...transferData, planId: ids.secondPlan }, { on: '2016-03-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'statement-already-transferred', field: 'statementId' });
    });

    it('refuses a plan id already used, and a transfer into a record that already has a plan', () => {
      const second = recorded('StatementMade', { ...statementData, statementId: pids.secondStatement }, { on: '2013-01-10', by: laOfficer });
      given(...historic, second, transferred)
        .when(command('StatementTransferredToEhcPlan', { ...transferData, statementId: pids.secondStatement }, { on: '2016-03-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'planId' });
      given(...historic, second, transferred)
        .when(command('StatementTransferredToEhcPlan', { ...transferData, statementId: pids.secondStatement, planId: ids.secondPlan }, { on: '2016-03-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-already-maintained', field: 'statementId' });
    });

    it('only an officer of the child\'s LA transfers a statement', () => {
      for (const by of [senco, parent, otherLaOfficer]) {
        given(...historic).when(command('StatementTransferredToEhcPlan', transferData, { on: '2016-02-01', by })).thenThrows(NotPermitted);
      }
    });

    it('makes a final EHC plan with no assessment request, its issue being the transfer', () => {
      const record = foldChildRecord([...historic, transferred]);
      const plan = record.plans[pids.transferredPlan]!;
      expect(plan).toMatchObject({
        planType: 'ehc_plan',
        origin: { kind: 'statement_transfer', statementId: pids.statement },
        status: 'final',
        finalIssued: { eventId: transferred.eventId, on: at('2016-02-01'), namedSetting: { name: 'Parkside Secondary School', urn: '654321' } },
      });
      expect(plan.requestId).toBeUndefined();
      expect(Object.keys(record.assessmentRequests)).toHaveLength(0);
      expect(record.statements[pids.statement]!.transferred).toMatchObject({ eventId: transferred.eventId, planId: pids.transferredPlan });
    });

    it('a statement that something builds on cannot be retracted; a corrected date must still be before the reform', () => {
      const retraction = { supersedesEventId: statement.eventId, reason: 'Imported twice', retracted: true };
      given(...historic).when(command('EntryCorrected', retraction, { on: '2016-01-01', by: laOfficer })).thenThrows(RuleViolation, { rule: 'not-retractable' });
      const redate = { supersedesEventId: statement.eventId, reason: 'Wrong year', correctedOccurredAt: at('2014-10-01'), retracted: false };
      given(...historic)
        .when(command('EntryCorrected', redate, { on: '2016-01-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'statement-after-reform', field: 'correctedOccurredAt' });
    });
  });

  describe('the rules for plans made through an assessment still hold, and do not block transferred plans', () => {
    it('a final plan still needs a draft; a transferred plan is already final', () => {
      given(...untilDraft.slice(0, -1))
        .when(command('FinalPlanIssued', { planId: ids.plan, namedSetting: { name: 'Hillside Primary School' } }, { on: '2025-05-16', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'final-plan-requires-draft' });
      const error = given(...historic, transferred)
        .when(command('FinalPlanIssued', { planId: pids.transferredPlan, namedSetting: { name: 'Parkside Secondary School' } }, { on: '2016-03-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-already-final', field: 'planId' });
      expect(error.message).toContain('transfer of a statement');
    });

    it('a plan made through an assessment keeps its request', () => {
      const plan = foldChildRecord(untilFinal).plans[ids.plan]!;
      expect(plan).toMatchObject({ planType: 'ehc_plan', origin: { kind: 'assessment', requestId: ids.request }, requestId: ids.request });
    });

    it('one continuous record: 2012 statement, 2016 transfer, then section F, a 2017 review and amendment of the transferred plan', () => {
      const events = afterCommands(
        [registered],
        command('SchoolActionPlusRecorded', { iepSummary: 'IEP: reading and spelling targets' }, { on: '2011-05-10', by: senco }),
        command('StatementMade', statementData, { on: '2012-03-15', by: laOfficer }),
        command('StatementTransferredToEhcPlan', transferData, { on: '2016-02-01', by: laOfficer }),
        command('ProvisionPromised', sectionFTerms({ provisionId: pids.provision, planId: pids.transferredPlan, startDate: '2016-02-01', authority: laAuthority }), { on: '2016-02-01', by: laOfficer }),
        command('AnnualReviewHeld', { planId: pids.transferredPlan, decision: 'amend', summary: 'Add occupational therapy' }, { on: '2017-01-20', by: laOfficer }),
        command('PlanAmended', { planId: pids.transferredPlan, summary: 'Section F: add occupational therapy', reason: 'Annual review January 2017' }, { on: '2017-03-01', by: laOfficer }),
      );
      expect(events.map((e) => e.type)).toEqual([
        'ChildRegistered', 'SchoolActionPlusRecorded', 'StatementMade', 'StatementTransferredToEhcPlan', 'ProvisionPromised', 'AnnualReviewHeld', 'PlanAmended',
      ]);
      const record = foldChildRecord(events);
      const plan = record.plans[pids.transferredPlan]!;
      expect(plan.status).toBe('final');
      expect(plan.reviews.map((r) => [r.on, r.decision])).toEqual([[at('2017-01-20'), 'amend']]);
      expect(plan.amendments.map((a) => a.on)).toEqual([at('2017-03-01')]);
      expect(record.provisions[pids.provision]).toMatchObject({ planId: pids.transferredPlan, section: 'F', status: 'active' });
      expect(record.statements[pids.statement]!.transferred?.planId).toBe(pids.transferredPlan);
      // ... and the plan can later be ceased like any other.
      given(...events)
        .when(command('PlanCeased', { planId: pids.transferredPlan, reason: 'needs_met' }, { on: '2018-07-20', by: laOfficer }))
        .then([emitted('PlanCeased', { planId: pids.transferredPlan, reason: 'needs_met' })]);
    });
  });

  it('summarises the historic entries', () => {
    expect([actionPlus, statement, transferred, recorded('SchoolActionRecorded', { iepSummary: 'IEP' }, { on: '2010-11-01', by: senco })].map(summariseEntry)).toEqual([
      'School Action Plus recorded (SEN Code of Practice 2001), with an IEP and outside specialist support',
      'Statement of special educational needs made by local authority 202 naming Hillside Primary School (Education Act 1996 s.324)',
      'Statement transferred to an EHC plan naming Parkside Secondary School (transfer review, CFA 2014 transitional arrangements)',
      'School Action recorded (SEN Code of Practice 2001), with an IEP',
    ]);
  });
});
