import type { Role } from '../../domain/roles.js';

const ROLE_NAMES: Record<Role, string> = {
  la_officer: 'local authority SEN officer',
  senco: 'SENCo',
  headteacher: 'headteacher',
  school_staff: 'school staff',
  parent_carer: 'parent or carer',
  young_person: 'young person',
  health_professional: 'health professional',
  social_worker: 'social worker',
  educational_psychologist: 'educational psychologist',
  advocate: 'advocate',
  tribunal: 'tribunal',
  privacy_officer: 'privacy officer',
  inspector: 'inspector',
};

/** A role in words: "SENCo", "local authority SEN officer". */
export const roleName = (role: string): string => ROLE_NAMES[role as Role] ?? role.replaceAll('_', ' ');

/** A person as a family reads them: "Sam Okafor (local authority SEN officer)". */
export const personWithRole = (person: { displayName?: string | undefined; role: string }): string =>
  person.displayName ? `${person.displayName} (${roleName(person.role)})` : `A ${roleName(person.role)}`;
