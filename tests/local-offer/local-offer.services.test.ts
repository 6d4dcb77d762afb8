import { describe, expect, it } from 'vitest';
import { LOCAL_OFFER_EVENT_SCHEMAS } from '../../src/domain/local-offer/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { check, ids, listed, serviceTerms } from './local-offer.fixtures.js';
import { command, emitted, given, inspector, laOfficer, otherLaOfficer, parent, recorded, senco } from './local-offer-specification.js';

const update = (changes: object, serviceId: string = ids.service) => ({ serviceId, changes, reason: 'Provider changed its referral route' });
const withdrawn = recorded('LocalOfferServiceWithdrawn', { serviceId: ids.service, reason: 'Contract ended' }, { on: '2025-03-31', by: laOfficer });

describe('local offer: services (CFA 2014 s.30; Regs 53)', () => {
  describe('listing', () => {
    it('the LA lists a service in its own Local Offer', () => {
      given().when(command('LocalOfferServiceListed', serviceTerms(), { on: '2024-09-02', by: laOfficer })).then([emitted('LocalOfferServiceListed', serviceTerms())]);
    });

    it.each([['parent', parent], ['senco', senco], ['inspector', inspector]])('a %s may not list a service', (_name, by) => {
      given().when(command('LocalOfferServiceListed', serviceTerms(), { on: '2024-09-02', by })).thenThrows(NotPermitted);
    });

    it('an officer of another LA may not list a service in this LA\'s offer', () => {
      const error = given().when(command('LocalOfferServiceListed', serviceTerms(), { on: '2024-09-02', by: otherLaOfficer })).thenThrows(NotPermitted);
      expect(error.message).toContain('local authority 202');
    });

    it('refuses a service id already listed', () => {
      given(listed)
        .when(command('LocalOfferServiceListed', serviceTerms({ name: 'Another' }), { on: '2024-09-03', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'serviceId' });
    });
  });

  describe('the listing schema', () => {
    const schema = LOCAL_OFFER_EVENT_SCHEMAS.LocalOfferServiceListed;
    const problem = (data: object) => {
      const result = schema.safeParse(data);
      return result.success ? null : { path: result.error.issues[0]!.path.join('.'), message: result.error.issues[0]!.message };
    };

    it('accepts a full listing', () => expect(problem(serviceTerms())).toBeNull());
    it('covers ages 0 to 25 only', () => {
      expect(problem(serviceTerms({ ageRange: { from: 0, to: 26 } }))?.path).toBe('ageRange.to');
      expect(problem(serviceTerms({ ageRange: { from: -1, to: 5 } }))?.path).toBe('ageRange.from');
    });
    it('refuses an age range upside down', () => {
      expect(problem(serviceTerms({ ageRange: { from: 16, to: 11 } }))).toEqual({ path: 'ageRange.to', message: 'must not be below the lower age (from)' });
    });
    it('names the four broad areas of need only, at least one, each once', () => {
      expect(problem(serviceTerms({ areasOfNeed: [] }))?.path).toBe('areasOfNeed');
      expect(problem(serviceTerms({ areasOfNeed: ['behaviour' as never] }))?.path).toBe('areasOfNeed.0');
      expect(problem(serviceTerms({ areasOfNeed: ['sensory_and_physical', 'sensory_and_physical'] }))?.message).toBe('must not name an area twice');
    });
    it('has a category from CFA 2014 s.30(2)', () => {
      expect(problem(serviceTerms({ category: 'leisure' as never }))?.path).toBe('category');
    });
  });

  describe('updating and withdrawing (s.30(5): keep under review)', () => {
    it('the LA updates a listed service', () => {
      given(listed).when(command('LocalOfferServiceUpdated', update({ eligibility: 'Any child living in Camden' }), { on: '2024-12-01', by: laOfficer }))
        .then([emitted('LocalOfferServiceUpdated', update({ eligibility: 'Any child living in Camden' }))]);
    });

    it('the fold applies the update to the terms in force and keeps the history', () => {
      const updated = recorded('LocalOfferServiceUpdated', update({ ageRange: { from: 2, to: 19 } }), { on: '2024-12-01', by: laOfficer });
      const service = given(listed, updated).state.services[ids.service]!;
      expect(service.terms.ageRange).toEqual({ from: 2, to: 19 });
      expect(service.terms.name).toBe(serviceTerms().name);
      expect(service.updates).toHaveLength(1);
    });

    it('refuses an update that changes nothing', () => {
      given(listed).when(command('LocalOfferServiceUpdated', update({ name: serviceTerms().name }), { on: '2024-12-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'update-changes-nothing', field: 'changes' });
      given(listed).when(command('LocalOfferServiceUpdated', update({}), { on: '2024-12-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'update-changes-nothing', field: 'changes' });
    });

    it('refuses to update or withdraw an unknown service', () => {
      given(listed).when(command('LocalOfferServiceUpdated', update({ name: 'X' }, ids.unknown), { on: '2024-12-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-service', field: 'serviceId' });
      given(listed).when(command('LocalOfferServiceWithdrawn', { serviceId: ids.unknown, reason: 'Gone' }, { on: '2024-12-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-service', field: 'serviceId' });
    });

    it('refuses to update or withdraw a withdrawn service', () => {
      given(listed, withdrawn).when(command('LocalOfferServiceUpdated', update({ name: 'X' }), { on: '2025-04-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'service-withdrawn', field: 'serviceId' });
      given(listed, withdrawn).when(command('LocalOfferServiceWithdrawn', { serviceId: ids.service, reason: 'Again' }, { on: '2025-04-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'service-withdrawn', field: 'serviceId' });
    });

    it('the LA withdraws a listed service, but nobody else may', () => {
      const data = { serviceId: ids.service, reason: 'Contract ended' };
      given(listed).when(command('LocalOfferServiceWithdrawn', data, { on: '2025-03-31', by: laOfficer })).then([emitted('LocalOfferServiceWithdrawn', data)]);
      given(listed).when(command('LocalOfferServiceWithdrawn', data, { on: '2025-03-31', by: senco })).thenThrows(NotPermitted);
      given(listed).when(command('LocalOfferServiceWithdrawn', data, { on: '2025-03-31', by: otherLaOfficer })).thenThrows(NotPermitted);
    });

    it('refuses an update dated before the listing', () => {
      given(listed).when(command('LocalOfferServiceUpdated', update({ name: 'X' }), { on: '2024-08-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'update-before-listing', field: 'occurredAt' });
    });
  });

  describe('checks: is the service really there?', () => {
    it.each([['an LA officer', laOfficer], ['an inspector', inspector]])('%s records a check', (_name, by) => {
      given(listed).when(command('LocalOfferServiceChecked', check(), { on: '2025-01-10', by })).then([emitted('LocalOfferServiceChecked', check())]);
    });

    it.each([['parent', parent], ['senco', senco], ['officer of another LA', otherLaOfficer]])('a %s may not record a check', (_name, by) => {
      given(listed).when(command('LocalOfferServiceChecked', check(), { on: '2025-01-10', by })).thenThrows(NotPermitted);
    });

    it('refuses a check of an unknown service', () => {
      given(listed).when(command('LocalOfferServiceChecked', check({ serviceId: ids.unknown }), { on: '2025-01-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-service', field: 'serviceId' });
    });

    it('refuses a check of a withdrawn service', () => {
      given(listed, withdrawn).when(command('LocalOfferServiceChecked', check(), { on: '2025-04-02', by: inspector }))
        .thenThrows(RuleViolation, { rule: 'service-withdrawn', field: 'serviceId' });
    });

    it('refuses a check id already used, even on another service', () => {
      const other = recorded('LocalOfferServiceListed', serviceTerms({ serviceId: ids.otherService, name: 'Portage' }), { on: '2024-09-02', by: laOfficer });
      const checked = recorded('LocalOfferServiceChecked', check(), { on: '2025-01-10', by: laOfficer });
      given(listed, other, checked).when(command('LocalOfferServiceChecked', check({ serviceId: ids.otherService }), { on: '2025-01-11', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'checkId' });
    });

    it('the fold keeps every check with who made it and the finding', () => {
      const checked = recorded('LocalOfferServiceChecked', check({ finding: 'not_available' }), { on: '2025-01-10', by: inspector });
      expect(given(listed, checked).state.services[ids.service]!.checks).toEqual([
        expect.objectContaining({ checkId: ids.check, finding: 'not_available', actor: inspector, on: '2025-01-10T09:00:00.000Z' }),
      ]);
    });
  });
});
