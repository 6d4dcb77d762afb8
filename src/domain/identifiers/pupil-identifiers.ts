import type { ChildRecord } from '../child-record/state.js';
import { nhsNumberProblem } from './nhs-number.js';
import { ulnProblem } from './uln.js';
import { upnProblem } from './upn.js';

/** The national identifiers a child's record may hold: each is checked by its own check letter or digit. */
export const IDENTIFIER_SCHEMES = ['upn', 'uln', 'nhs_number'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

const PROBLEMS: Record<IdentifierScheme, (value: string) => string | null> = { upn: upnProblem, uln: ulnProblem, nhs_number: nhsNumberProblem };

/** Why a value is not an identifier of the scheme, or null when it is one. */
export const identifierProblem = (scheme: IdentifierScheme, value: string): string | null => PROBLEMS[scheme](value);

/**
 * Written the way people write them (spaces in an NHS number, a lower-case UPN): the form that is checked and
 * stored. Only spacing and case change; a character that is wrong stays wrong and is refused.
 */
export const normalisedIdentifier = (scheme: IdentifierScheme, value: string): string =>
  scheme === 'upn' ? value.replace(/\s+/g, '').toUpperCase() : value.replace(/[\s-]+/g, '');

export interface DisclosableIdentifiers {
  upn?: string;
  uln?: string;
  nhsNumber?: string;
}

/**
 * What a return, a list or a transfer file may carry: the identifiers recorded and not withheld. A decision not
 * to disclose one (e.g. a looked-after or adopted child's previous UPN) keeps it out of every export while the
 * record still holds it.
 */
export function disclosableIdentifiers(record: Pick<ChildRecord, 'identifiers' | 'withheldIdentifiers'>): DisclosableIdentifiers {
  const disclosed = (scheme: IdentifierScheme) => (record.withheldIdentifiers[scheme] ? undefined : record.identifiers[scheme]?.value);
  const upn = disclosed('upn');
  const uln = disclosed('uln');
  const nhsNumber = disclosed('nhs_number');
  return { ...(upn ? { upn } : {}), ...(uln ? { uln } : {}), ...(nhsNumber ? { nhsNumber } : {}) };
}

/** Whether an identifier is held but withheld from exports (so an export can say "withheld", not "not known"). */
export const isWithheld = (record: Pick<ChildRecord, 'withheldIdentifiers'>, scheme: IdentifierScheme): boolean => record.withheldIdentifiers[scheme] !== undefined;

/** Each scheme as people name it. */
export const identifierName = (scheme: IdentifierScheme): string => ({ upn: 'UPN', uln: 'ULN', nhs_number: 'NHS number' })[scheme];
