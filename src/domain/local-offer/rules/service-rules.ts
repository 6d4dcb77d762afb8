import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import type { LocalOfferCommandOf } from '../commands.js';
import type { ServiceTerms } from '../events.js';
import type { LocalOffer } from '../state.js';
import { requireListed, requireNew, requireNotBefore, requireOwnLocalAuthority, serviceOf } from './guards.js';

/** CFA 2014 s.30(1) and Regs 53: the LA publishes what it expects to be available. */
export function serviceListed(command: LocalOfferCommandOf<'LocalOfferServiceListed'>, offer: LocalOffer): void {
  requireOwnLocalAuthority(command, 'list a service');
  requireNew(Boolean(offer.services[command.data.serviceId]), 'duplicate-id', 'a service with this id', 'serviceId');
  const { directoryId } = command.data;
  if (directoryId !== undefined) {
    // One directory entry is one service: listed twice, promises against either would split its history.
    const same = Object.values(offer.services).find((service) => service.directoryId === directoryId);
    if (same) {
      throw new RuleViolation('duplicate-directory-id', `this Local Offer already lists service ${same.serviceId} with directory id ${directoryId}`, 'directoryId');
    }
  }
}

/** CFA 2014 s.30(5): the LA keeps its Local Offer under review and may revise it. */
export function serviceUpdated(command: LocalOfferCommandOf<'LocalOfferServiceUpdated'>, offer: LocalOffer): void {
  requireOwnLocalAuthority(command, 'update a service');
  const service = serviceOf(offer, command.data.serviceId);
  requireListed(service);
  requireNotBefore(command.occurredAt, service.listed.on, 'update-before-listing', 'a service cannot be updated before it was listed');
  const changed = Object.entries(command.data.changes).filter(
    ([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(service.terms[key as keyof ServiceTerms]),
  );
  if (changed.length === 0) throw new RuleViolation('update-changes-nothing', 'the update changes none of the service\'s listed terms', 'changes');
}

export function serviceWithdrawn(command: LocalOfferCommandOf<'LocalOfferServiceWithdrawn'>, offer: LocalOffer): void {
  requireOwnLocalAuthority(command, 'withdraw a service');
  const service = serviceOf(offer, command.data.serviceId);
  requireListed(service);
  requireNotBefore(command.occurredAt, service.listed.on, 'withdrawal-before-listing', 'a service cannot be withdrawn before it was listed');
}

/**
 * Whether a listed service is really there. The LA checks its own offer (s.30(5)); area SEND
 * inspectors (Ofsted/CQC) check it too. A withdrawn service is no longer offered, so there is nothing to check.
 */
export function serviceChecked(command: LocalOfferCommandOf<'LocalOfferServiceChecked'>, offer: LocalOffer): void {
  if (command.actor.role !== 'inspector') {
    if (!LOCAL_AUTHORITY_ROLES.includes(command.actor.role as Role)) {
      throw new NotPermitted(`only a local authority officer or an inspector may record a check of a Local Offer service (your role is ${command.actor.role})`);
    }
    requireOwnLocalAuthority(command, 'record a check of a service');
  }
  const used = Object.values(offer.services).some((s) => s.checks.some((c) => c.checkId === command.data.checkId));
  requireNew(used, 'duplicate-id', 'a check with this id', 'checkId');
  const service = serviceOf(offer, command.data.serviceId);
  requireListed(service);
  requireNotBefore(command.occurredAt, service.listed.on, 'check-before-listing', 'a service cannot be checked before it was listed');
}
