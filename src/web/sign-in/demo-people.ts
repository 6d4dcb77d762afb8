import { cast, LA_NAME, settings } from '../../demo/cast.js';
import type { Actor } from '../../ledger/envelope.js';

export interface DemoPerson {
  key: string;
  actor: Actor;
  /** Who they are in the demo, and what they can see. */
  hint: string;
}

/** The demo's people, for the development sign-in: one of each kind of user, each with records to read after `npm run demo`. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: 'parent-a', actor: cast.parentA, hint: "Child A's mother: the whole record, who has looked at it, and who may" },
  { key: 'parent-b', actor: cast.parentB, hint: "Child B's parent: a refused assessment and an appeal" },
  { key: 'parent-c', actor: cast.parentC, hint: "Child C's parent: an EHC plan from 2022, ceased in December 2024 once its outcomes were met" },
  { key: 'advocate', actor: cast.advocate, hint: 'Advocate at Camden SENDIASS, with consent from Parent A and Parent B' },
  { key: 'fleet-hill-senco', actor: cast.fleetHillSenco, hint: `SENCo at ${settings.fleetHill.name}, where Child A moved in September 2025` },
  { key: 'kentish-vale-senco', actor: cast.kentishValeSenco, hint: `SENCo at ${settings.kentishVale.name}` },
  { key: 'la-officer', actor: cast.caseworker, hint: `SEN caseworker, ${LA_NAME}` },
  { key: 'privacy-officer', actor: cast.privacyOfficer, hint: `Privacy officer, ${LA_NAME}: who has looked at a child's record` },
];

