import { describe, it } from 'vitest';
import type { ChildCommand } from '../../src/domain/child-record/commands.js';
import { NotFound, RuleViolation } from '../../src/domain/errors.js';
import { childRegisteredData, ids, registered, senSupportTerms } from './child-record.fixtures.js';
import { command, emitted, given, laOfficer, parent, recorded, senco } from './decider-specification.js';

describe('child record: registration', () => {
  it('registers a child on an empty stream', () => {
    given()
      .when(command('ChildRegistered', childRegisteredData, { on: '2025-01-06', by: laOfficer }))
      .then([emitted('ChildRegistered', childRegisteredData)]);
  });

  it('refuses to register the same child twice', () => {
    given(registered)
      .when(command('ChildRegistered', childRegisteredData, { on: '2025-01-07', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'child-already-registered', field: 'childId' });
  });

  it('refuses a second registration even with different details', () => {
    given(registered)
      .when(command('ChildRegistered', { ...childRegisteredData, displayName: 'Another name', laCode: '203' }, { on: '2025-01-07', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'child-already-registered' });
  });

  describe('any command before registration is NotFound', () => {
    const before: Array<[string, ChildCommand]> = [
      ['AssessmentRequested', command('AssessmentRequested', { requestId: ids.request, requestedBy: 'parent_carer' }, { on: '2025-01-13', by: parent })],
      ['DecisionToAssess (by the LA)', command('DecisionToAssess', { requestId: ids.request }, { on: '2025-02-17', by: laOfficer })],
      ['DecisionToAssess (by a senco, who would otherwise be NotPermitted)', command('DecisionToAssess', { requestId: ids.request }, { on: '2025-02-17', by: senco })],
      ['ParentCarerRecorded', command('ParentCarerRecorded', { personId: ids.parentPerson, displayName: 'Pat', relationship: 'mother', parentalResponsibility: true }, { on: '2025-01-06', by: laOfficer })],
      ['ProvisionPromised', command('ProvisionPromised', senSupportTerms(), { on: '2025-01-15', by: senco })],
      ['SignedOff', command('SignedOff', { subject: 'plan', subjectId: ids.plan, signatory: { name: 'Pat', role: 'parent' } }, { on: '2025-05-20', by: parent })],
      ['AppealRegistered', command('AppealRegistered', { appealId: ids.appeal, against: 'refusal_to_assess' }, { on: '2025-04-01', by: parent })],
      ['EntryCorrected', command('EntryCorrected', { supersedesEventId: ids.unknown, reason: 'typo', retracted: true }, { on: '2025-04-01', by: laOfficer })],
    ];
    it.each(before)('%s', (_name, cmd) => {
      given().when(cmd).thenThrows(NotFound);
    });
  });

  it('records parents and needs once each (duplicate ids refused)', () => {
    const parentData = { personId: ids.parentPerson, displayName: 'Pat Parent', relationship: 'mother', parentalResponsibility: true };
    const recordedParent = recorded('ParentCarerRecorded', parentData, { on: '2025-01-06', by: laOfficer });
    given(registered)
      .when(command('ParentCarerRecorded', parentData, { on: '2025-01-06', by: laOfficer }))
      .then([emitted('ParentCarerRecorded', parentData)]);
    given(registered, recordedParent)
      .when(command('ParentCarerRecorded', { ...parentData, displayName: 'P. Parent' }, { on: '2025-01-07', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'personId' });

    const need = { needId: ids.need, area: 'communication_and_interaction', rank: 'primary', description: 'Expressive language' } as const;
    given(registered, recorded('NeedsIdentified', need, { on: '2025-01-08', by: senco }))
      .when(command('NeedsIdentified', { ...need, rank: 'secondary' }, { on: '2025-01-09', by: senco }))
      .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'needId' });
  });
});
