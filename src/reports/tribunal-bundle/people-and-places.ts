import type { Actor, LedgerEntry } from '../../ledger/envelope.js';
import { isErasedData } from '../../domain/child-record/events.js';
import { roleName } from '../../web/presenters/roles.js';

/**
 * People and organisations as a panel reads them: by name and role in words, schools by name, the local
 * authority by its DfE code (the record holds no other name for it). Never an id.
 */

/** The names of schools and colleges the record itself gives, by URN. */
export function settingNames(entries: readonly LedgerEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  const note = (setting: unknown) => {
    const s = setting as { urn?: unknown; name?: unknown } | undefined;
    if (s && typeof s.urn === 'string' && typeof s.name === 'string') names.set(s.urn, s.name);
  };
  for (const entry of entries) {
    if (isErasedData(entry.data)) continue;
    const d = entry.data;
    if (entry.type === 'ChildRegistered') note({ urn: d['settingUrn'], name: d['settingName'] });
    note(d['namedSetting']);
    note(d['toSetting']);
    note(d['fromSetting']);
  }
  return names;
}

/** An organisation in words, or null for a family (a parent's or young person's own organisation is theirs). */
export function organisationInWords(actor: Pick<Actor, 'role' | 'organisation'>, settings: ReadonlyMap<string, string>): string | null {
  if (actor.role === 'parent_carer' || actor.role === 'young_person') return null;
  if (/^\d{3}$/.test(actor.organisation)) return `the local authority (DfE code ${actor.organisation})`;
  if (/^\d{6,7}$/.test(actor.organisation)) return settings.get(actor.organisation) ?? `the school or college with URN ${actor.organisation}`;
  return actor.organisation;
}

/** "Sam Okafor, local authority SEN officer, the local authority (DfE code 202)". */
export function personInWords(actor: Pick<Actor, 'displayName' | 'role' | 'organisation'>, settings: ReadonlyMap<string, string>): string {
  const organisation = organisationInWords(actor, settings);
  return [actor.displayName || `A ${roleName(actor.role)}`, roleName(actor.role), organisation].filter(Boolean).join(', ');
}

/** An entry's kind in words, for an entry whose content is not disclosed: "AdviceReceived" is "Advice received". */
export const entryTypeInWords = (type: string): string => {
  // "SenSupportCyclePlanned" reads "SEN support cycle planned", not "Sen support…".
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\b(sen|ehc|la)\b/g, (acronym) => acronym.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
};
