import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../src/domain/errors.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import { command, emitted, given, laOfficer, recorded, senco } from './decider-specification.js';
import { finalIssued, ids, promisedSenSupport, sectionFTerms, untilFinal, withSectionF } from './child-record.fixtures.js';

const handover = (openProvisionIds: string[]) => ({
  handoverId: '88888888-8888-4888-8888-888888888801',
  toSetting: { name: 'Fleet Hill School', urn: '100052' },
  cutAtRevision: 7,
  cutAtHash: 'a'.repeat(64),
  packHash: 'b'.repeat(64),
  openProvisionIds,
});

describe('child record: what a handover must pass on is what is owed on its day', () => {
  const endedF = recorded('ProvisionPromised', sectionFTerms({ provisionId: ids.otherProvision, endDate: '2025-07-18' }), { on: '2025-05-16', by: laOfficer });

  it('lists a line yet to start and a line running, and not a line whose end date has passed', () => {
    const history = [...withSectionF, promisedSenSupport, endedF];
    given(...history)
      .when(command('HandoverIssued', handover([ids.provision, ids.senSupportProvision, ids.otherProvision]), { on: '2025-09-01', by: senco }))
      .thenThrows(RuleViolation, { rule: 'handover-incomplete', field: 'openProvisionIds' });
    const open = [ids.provision, ids.senSupportProvision].sort();
    given(...history).when(command('HandoverIssued', handover(open), { on: '2025-09-01', by: senco })).then([emitted('HandoverIssued', handover(open))]);
    // Before its end date the line is still owed, and before its start date the section F line is too.
    const all = [ids.provision, ids.senSupportProvision, ids.otherProvision].sort();
    given(...history).when(command('HandoverIssued', handover(all), { on: '2025-05-20', by: senco })).then([emitted('HandoverIssued', handover(all))]);
  });
});

const finalSetting = { name: 'Hillside Primary School', urn: '123456' };

describe('child record: section I follows the amendment that names a setting', () => {
  const amended = (namedSetting?: { name: string; urn?: string }) =>
    recorded('PlanAmended', { planId: ids.plan, summary: 'Section I', reason: 'Phase transfer', ...(namedSetting ? { namedSetting } : {}) }, { on: '2026-02-10', by: laOfficer });

  it('names the final plan\'s setting, then the amended one; an amendment naming none leaves it', () => {
    expect(finalIssued.data).toMatchObject({ namedSetting: finalSetting });
    expect(foldChildRecord(untilFinal).plans[ids.plan]!.namedSetting).toEqual(finalSetting);
    const fleetHill = { name: 'Fleet Hill School', urn: '100052' };
    const record = foldChildRecord([...untilFinal, amended(fleetHill), amended()]);
    expect(record.plans[ids.plan]!.namedSetting).toEqual(fleetHill);
    expect(record.plans[ids.plan]!.amendments.map((a) => a.namedSetting ?? null)).toEqual([fleetHill, null]);
    // The final plan's own entry is unchanged: what was issued stays what was issued.
    expect(record.plans[ids.plan]!.finalIssued!.namedSetting).toEqual(finalSetting);
  });
});
