import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import { dateOf } from '../../child-record/rules/guards.js';
import type { LocalOfferCommand } from '../commands.js';
import type { ListedService, LocalOffer } from '../state.js';

export const isOwnLocalAuthority = (command: LocalOfferCommand): boolean =>
  LOCAL_AUTHORITY_ROLES.includes(command.actor.role as Role) && command.actor.organisation === command.laCode;

/** CFA 2014 s.30: each LA publishes and keeps under review its own Local Offer, not another LA's. */
export function requireOwnLocalAuthority(command: LocalOfferCommand, what: string): void {
  if (!LOCAL_AUTHORITY_ROLES.includes(command.actor.role as Role)) {
    throw new NotPermitted(`only a local authority officer may ${what} (your role is ${command.actor.role})`);
  }
  if (command.actor.organisation !== command.laCode) {
    throw new NotPermitted(`only an officer of local authority ${command.laCode} may ${what} in its Local Offer`);
  }
}

export function serviceOf(offer: LocalOffer, serviceId: string, field = 'serviceId'): ListedService {
  const service = offer.services[serviceId];
  if (!service) throw new RuleViolation('unknown-service', `this Local Offer lists no service with id ${serviceId}`, field);
  return service;
}

export function requireListed(service: ListedService): void {
  if (service.status === 'withdrawn') {
    throw new RuleViolation('service-withdrawn', `service ${service.serviceId} was withdrawn from the Local Offer on ${dateOf(service.withdrawn!.on)}`, 'serviceId');
  }
}

export { requireNew, requireNotBefore } from '../../child-record/rules/guards.js';
