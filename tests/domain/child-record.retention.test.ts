import { describe, expect, it } from 'vitest';
import { summariseEntry } from '../../projections/entry-summary.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import { ERASED_DATA, type ChildEvent, type ChildEventData } from '../../src/domain/child-record/events.js';
import { retentionEndsOn, retentionRule } from '../../src/domain/child-record/rules/retention-rules.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { computeClocks } from '../../src/domain/statutory-clocks/compute-clocks.js';
import { childRegisteredData, ids, registered, requested, withSectionF } from './child-record.fixtures.js';
import { command, emitted, given, laOfficer, recorded, senco, tribunal } from './decider-specification.js';

const hold = '88888888-8888-4888-8888-888888888801';
const placed: ChildEventData<'LegalHoldPlaced'> = {
  holdId: hold,
  reason: 'Tribunal appeal pending',
  placedBy: { name: 'Casey Caseworker', role: 'SEN manager' },
};
const lifted: ChildEventData<'LegalHoldLifted'> = { holdId: hold, reason: 'Appeal decided' };
/** Born 2016-05-01: under a 31-year rule the record is kept until 2047-05-01. */
const retentionEnded: ChildEventData<'ChildRecordErased'> = { reason: 'retention_period_ended', retentionRule: retentionRule(31), keyId: 'key-1' };
const earlyErasure: ChildEventData<'ChildRecordErased'> = { ...retentionEnded, reason: 'other', detail: 'Record opened for the wrong child' };

const holdPlaced = recorded('LegalHoldPlaced', placed, { on: '2030-01-10', by: laOfficer });
const holdLifted = recorded('LegalHoldLifted', lifted, { on: '2047-06-01', by: tribunal });
const erased = recorded('ChildRecordErased', retentionEnded, { on: '2047-06-02', by: laOfficer });
/** How entries read once the key is destroyed: type kept, data gone. */
const shredded = (event: ChildEvent) => ({ ...event, data: { ...ERASED_DATA } }) as unknown as ChildEvent;

describe('retention rule', () => {
  it('ends the retention period on the birthday N years on (29 February rolls to 1 March)', () => {
    expect(retentionRule(31)).toBe('date of birth + 31 years');
    expect(retentionEndsOn('2016-05-01', 31)).toBe('2047-05-01');
    expect(retentionEndsOn('2016-02-29', 31)).toBe('2047-03-01');
  });
});

describe('legal holds', () => {
  it('are placed by an officer of the child\'s LA or the tribunal', () => {
    given(registered).when(command('LegalHoldPlaced', placed, { on: '2030-01-10', by: laOfficer })).then([emitted('LegalHoldPlaced', placed)]);
    given(registered).when(command('LegalHoldPlaced', placed, { on: '2030-01-10', by: tribunal })).then([emitted('LegalHoldPlaced', placed)]);
    given(registered).when(command('LegalHoldPlaced', placed, { on: '2030-01-10', by: senco })).thenThrows(NotPermitted);
    const otherLa = { ...laOfficer, organisation: '999' };
    given(registered).when(command('LegalHoldPlaced', placed, { on: '2030-01-10', by: otherLa })).thenThrows(NotPermitted);
  });

  it('refuses a second hold with the same id', () => {
    given(registered, holdPlaced)
      .when(command('LegalHoldPlaced', placed, { on: '2030-01-11', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'holdId' });
  });

  it('lifts only a hold that is open', () => {
    given(registered).when(command('LegalHoldLifted', lifted, { on: '2031-01-01', by: laOfficer })).thenThrows(RuleViolation, { rule: 'unknown-legal-hold', field: 'holdId' });
    given(registered, holdPlaced).when(command('LegalHoldLifted', lifted, { on: '2031-01-01', by: tribunal })).then([emitted('LegalHoldLifted', lifted)]);
    given(registered, holdPlaced, holdLifted)
      .when(command('LegalHoldLifted', lifted, { on: '2047-06-02', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'legal-hold-lifted', field: 'holdId' });
    given(registered, holdPlaced).when(command('LegalHoldLifted', lifted, { on: '2031-01-01', by: senco })).thenThrows(NotPermitted);
  });

  it('are folded with who placed and lifted them', () => {
    const record = foldChildRecord([registered, holdPlaced, holdLifted]);
    expect(record.legalHolds[hold]).toMatchObject({ ...placed, placed: { eventId: holdPlaced.eventId }, lifted: { eventId: holdLifted.eventId, reason: 'Appeal decided' } });
  });
});

describe('ChildRecordErased', () => {
  it('is recorded by the child\'s LA once the retention period has ended', () => {
    given(...withSectionF).when(command('ChildRecordErased', retentionEnded, { on: '2047-05-01', by: laOfficer })).then([emitted('ChildRecordErased', retentionEnded)]);
  });

  it('is refused to anyone but the child\'s LA', () => {
    given(registered).when(command('ChildRecordErased', retentionEnded, { on: '2047-05-01', by: senco })).thenThrows(NotPermitted);
    given(registered).when(command('ChildRecordErased', retentionEnded, { on: '2047-05-01', by: tribunal })).thenThrows(NotPermitted);
  });

  it('is refused before the retention date unless the reason is "other", which must say why', () => {
    given(registered)
      .when(command('ChildRecordErased', retentionEnded, { on: '2047-04-30', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'retention-period-not-ended', field: 'reason' });
    given(registered).when(command('ChildRecordErased', earlyErasure, { on: '2026-01-05', by: laOfficer })).then([emitted('ChildRecordErased', earlyErasure)]);
    given(registered)
      .when(command('ChildRecordErased', { ...retentionEnded, reason: 'other' }, { on: '2026-01-05', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'erasure-reason-missing', field: 'detail' });
  });

  it('judges the retention date on the corrected date of birth', () => {
    const corrected = recorded(
      'EntryCorrected',
      { supersedesEventId: registered.eventId, reason: 'Date of birth mistyped', correctedData: { ...childRegisteredData, dateOfBirth: '2017-05-01' }, retracted: false },
      { on: '2025-02-01', by: laOfficer },
    );
    given(registered, corrected)
      .when(command('ChildRecordErased', retentionEnded, { on: '2047-06-01', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'retention-period-not-ended' });
  });

  it('refuses a retention rule it cannot read', () => {
    given(registered)
      .when(command('ChildRecordErased', { ...retentionEnded, retentionRule: 'when we feel like it' }, { on: '2047-06-01', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'retention-rule-invalid', field: 'retentionRule' });
  });

  it('is refused while a legal hold is open, whatever the reason, and allowed once it is lifted', () => {
    given(registered, holdPlaced)
      .when(command('ChildRecordErased', retentionEnded, { on: '2047-06-02', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'legal-hold-open', field: 'reason' });
    given(registered, holdPlaced)
      .when(command('ChildRecordErased', earlyErasure, { on: '2047-06-02', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'legal-hold-open' });
    given(registered, holdPlaced, holdLifted)
      .when(command('ChildRecordErased', retentionEnded, { on: '2047-06-02', by: laOfficer }))
      .then([emitted('ChildRecordErased', retentionEnded)]);
  });

  it('lets nothing more be recorded about the child, registration included, before or after the key is destroyed', () => {
    const needs = { needId: ids.need, area: 'cognition_and_learning', rank: 'primary', description: 'Reading' } as const;
    for (const history of [[registered, erased], [shredded(registered), erased]]) {
      given(...history).when(command('NeedsIdentified', needs, { on: '2047-06-03', by: senco })).thenThrows(RuleViolation, { rule: 'record-erased' });
      given(...history).when(command('LegalHoldPlaced', placed, { on: '2047-06-03', by: tribunal })).thenThrows(RuleViolation, { rule: 'record-erased' });
      given(...history).when(command('ChildRegistered', childRegisteredData, { on: '2047-06-03', by: laOfficer })).thenThrows(RuleViolation, { rule: 'record-erased' });
    }
  });
});

describe('the fold after the key is destroyed', () => {
  const history = [...withSectionF, holdPlaced, holdLifted, erased].map((event) =>
    event.type === 'LegalHoldPlaced' || event.type === 'LegalHoldLifted' || event.type === 'ChildRecordErased' ? event : shredded(event),
  );

  it('answers with a record that says it was erased, and keeps the holds, instead of crashing', () => {
    const record = foldChildRecord(history);
    expect(record.erased).toMatchObject({ ...retentionEnded, eventId: erased.eventId, actor: laOfficer });
    expect(record.registered).toBeNull();
    expect(record.profile).toBeNull();
    expect(record.plans).toEqual({});
    expect(Object.keys(record.legalHolds)).toEqual([hold]);
    expect(record.history.map((e) => e.type)).toEqual(['LegalHoldPlaced', 'LegalHoldLifted', 'ChildRecordErased']);
  });

  it('leaves the statutory clocks and the entry summaries working', () => {
    expect(() => computeClocks([shredded(registered), shredded(requested)], '2047-06-02')).not.toThrow();
    expect(history.map(summariseEntry)).toContain("FinalPlanIssued entry: its content was erased with the child's record");
    expect(summariseEntry(erased)).toBe("Child's record erased at the end of its retention period (date of birth + 31 years)");
  });
});
