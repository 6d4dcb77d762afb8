import { AREAS_OF_NEED } from '../domain/child-record/vocabulary.js';
import { SERVICE_CATEGORIES } from '../domain/local-offer/vocabulary.js';

/**
 * The SEND Ledger taxonomy: how an Open Referral UK directory says which broad area of need (CoP 6.28)
 * and which kind of Local Offer provision (CFA 2014 s.30(2)) a service is for. ORUK names no SEND
 * taxonomy of its own, so the ledger publishes this one. Its ids are fixed literals, never recomputed:
 * a directory that tags a service with one of them today must mean the same term in ten years.
 * (They were made once as UUID v8 of "send-ledger-taxonomy" + group + code.)
 */
export const SEND_LEDGER_TAXONOMY = {
  id: '304090a5-0033-83c0-b876-643ac8ed307f',
  name: 'SEND Ledger Local Offer taxonomy',
} as const;

export type TermGroup = 'area_of_need' | 'local_offer_category';

export interface TaxonomyTerm {
  id: string;
  group: TermGroup;
  code: string;
  name: string;
  description: string;
}

/** The two top-level terms: every other term's parent, and the attribute's link_type. */
export const TERM_GROUPS: Record<TermGroup, TaxonomyTerm & { code: TermGroup }> = {
  area_of_need: {
    id: 'f0f9f344-7d4a-8875-bedf-e168b5984006', group: 'area_of_need', code: 'area_of_need',
    name: 'Area of need', description: 'The broad areas of special educational need (SEND Code of Practice 6.28)',
  },
  local_offer_category: {
    id: 'debb8c8b-1f71-823d-941f-e3b73fbf8ea4', group: 'local_offer_category', code: 'local_offer_category',
    name: 'Local Offer category', description: 'The kinds of provision a Local Offer covers (Children and Families Act 2014 s.30(2))',
  },
};

type Area = (typeof AREAS_OF_NEED)[number];
type Category = (typeof SERVICE_CATEGORIES)[number];

export const AREA_OF_NEED_TERMS: Record<Area, TaxonomyTerm> = {
  communication_and_interaction: {
    id: 'fd216565-a827-87a8-9389-1b76e4ece996', group: 'area_of_need', code: 'communication_and_interaction',
    name: 'Communication and interaction', description: 'Speech, language and communication needs, including autism',
  },
  cognition_and_learning: {
    id: '8695c839-1040-8578-9e05-ed5652ed80a3', group: 'area_of_need', code: 'cognition_and_learning',
    name: 'Cognition and learning', description: 'Learning difficulties, moderate to profound, and specific learning difficulties',
  },
  social_emotional_and_mental_health: {
    id: '332cbf35-b39b-84c5-b2bd-8c5f7bf495f0', group: 'area_of_need', code: 'social_emotional_and_mental_health',
    name: 'Social, emotional and mental health', description: 'Social, emotional and mental health difficulties',
  },
  sensory_and_physical: {
    id: '138e1d93-63d6-83e7-af32-4423bf243693', group: 'area_of_need', code: 'sensory_and_physical',
    name: 'Sensory and/or physical', description: 'Vision, hearing, multi-sensory and physical needs',
  },
};

export const CATEGORY_TERMS: Record<Category, TaxonomyTerm> = {
  education: { id: 'e5d95a7f-ea8a-8d44-b741-ab2f9e29ebea', group: 'local_offer_category', code: 'education', name: 'Education', description: 'Education provision' },
  health: { id: 'acd2c51e-ee75-8d15-a8c5-f96ebb900fd5', group: 'local_offer_category', code: 'health', name: 'Health', description: 'Health provision' },
  social_care: { id: '0ed63984-7150-86d7-819b-d070ecc50a71', group: 'local_offer_category', code: 'social_care', name: 'Social care', description: 'Social care provision' },
  training: { id: 'ab467d42-8740-8920-acc8-957169a0a320', group: 'local_offer_category', code: 'training', name: 'Training', description: 'Training provision' },
  travel: { id: 'c12e1690-9ffa-8bf5-93c1-c75066488a3d', group: 'local_offer_category', code: 'travel', name: 'Travel', description: 'Travel arrangements for children and young people to schools, colleges and early years settings' },
  preparing_for_adulthood: {
    id: '1510813d-5479-80db-8590-480da2cf4003', group: 'local_offer_category', code: 'preparing_for_adulthood',
    name: 'Preparing for adulthood', description: 'Support in preparing for adulthood, including housing, employment and independent living',
  },
};

const ALL_TERMS: TaxonomyTerm[] = [...Object.values(AREA_OF_NEED_TERMS), ...Object.values(CATEGORY_TERMS)];

/**
 * The SEND Ledger term a directory's taxonomy term means, if it is one: by its id, or by this
 * taxonomy's id and the term's code (a directory may have re-keyed the terms it loaded).
 */
export function sendLedgerTerm(term: { id?: unknown; code?: unknown; taxonomy_id?: unknown } | undefined, termId?: unknown): TaxonomyTerm | undefined {
  const id = typeof term?.id === 'string' ? term.id : termId;
  const byId = ALL_TERMS.find((t) => t.id === id);
  if (byId) return byId;
  if (term?.taxonomy_id === SEND_LEDGER_TAXONOMY.id && typeof term.code === 'string') return ALL_TERMS.find((t) => t.code === term.code);
  return undefined;
}
