import { z } from 'zod';
import { text } from '../child-record/vocabulary.js';

/** The kinds of provision a Local Offer covers (CFA 2014 s.30(2)). */
export const SERVICE_CATEGORIES = ['education', 'health', 'social_care', 'training', 'travel', 'preparing_for_adulthood'] as const;

/** What comments about the Local Offer may be about (Regs 56: content, quality, gaps, accessibility, development). */
export const COMMENT_TOPICS = ['content', 'quality', 'gaps', 'accessibility', 'development'] as const;

/**
 * How a comment reached the LA. `direct` is a comment its author submitted here; the others are
 * comments an LA officer records on the author's behalf (Regs 54-55: consult and involve families).
 */
export const COMMENT_CHANNELS = ['direct', 'online_form', 'email', 'phone', 'letter', 'meeting_or_event', 'survey', 'parent_carer_forum', 'other'] as const;

/** What a check of a listed service found: is the Local Offer's description still true? */
export const CHECK_FINDINGS = ['available_as_described', 'available_with_changes', 'not_available', 'could_not_verify'] as const;

/** Ages the Local Offer covers: 0 to 25 (CFA 2014 s.30; CoP 0-25). */
const age = () => z.int({ error: 'must be a whole number of years' }).min(0, 'must be 0 or more').max(25, 'must be at most 25');
export const ageRange = () =>
  z.object({ from: age(), to: age() }).refine((range) => range.from <= range.to, { error: 'must not be below the lower age (from)', path: ['to'] });

const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
/** +44, 0044 or 0, then 9-10 more digits, with spaces, dots, hyphens or brackets between them. */
const UK_PHONE = /(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)(?:\d[\s().-]{0,2}){8,9}\d(?!\d)/;

/**
 * Text that will be published: Regs 56 has comments published in a form that does not identify who
 * made them. Names cannot be told apart from other words, so only the unmistakable identifiers are refused.
 */
export const anonymised = (max = 4000) =>
  text(max)
    .refine((value) => !EMAIL.test(value), { error: 'must be anonymised: remove the email address (Local Offer comments are published without identifying anyone, Regs 56)' })
    .refine((value) => !UK_PHONE.test(value), { error: 'must be anonymised: remove the phone number (Local Offer comments are published without identifying anyone, Regs 56)' });

export const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;
