/** Roles a verified token may carry (the domain reference, section "Actors"). */
export const ROLES = [
  'la_officer',
  'senco',
  'headteacher',
  'school_staff',
  'parent_carer',
  'young_person',
  'health_professional',
  'social_worker',
  'educational_psychologist',
  'advocate',
  'tribunal',
  'privacy_officer',
  'inspector',
] as const;
export type Role = (typeof ROLES)[number];

/** Only the local authority makes EHC plan decisions (CFA 2014 ss.36-45). */
export const LOCAL_AUTHORITY_ROLES: readonly Role[] = ['la_officer'];
export const SETTING_ROLES: readonly Role[] = ['senco', 'headteacher', 'school_staff'];
/**
 * A school is no party to an appeal (CFA 2014 s.51 gives the right to the parent or young person, against the LA): its
 * staff neither read nor record one; what binds the school arrives in the plan and the handover pack.
 */
/** Who records an appeal's entries: the LA, the parent or young person, and their advocate (with consent). */
export const APPEAL_PARTY_ROLES: readonly Role[] = ['la_officer', 'parent_carer', 'young_person', 'advocate'];
export const takesPartInAppeals = (role: string): boolean => !SETTING_ROLES.includes(role as Role);

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
