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

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
