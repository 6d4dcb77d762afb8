import { APPEAL_TYPES, type AppealType } from '../../integrity/evidence/bundle.js';
import { Appeal, EvidencePurpose, type EvidenceRequest } from '../../application/export-evidence.js';
import { isCalendarDate } from '../../domain/calendar/claimed-dates.js';
import type { ErrorSummaryItem } from '../pages/page.js';
import { dateInputFrom, dateInputOf, type DateInputValue } from './date-input.js';
import { formBody, textField } from './form-values.js';

/** The export form as typed: kept when the page is shown again, with what is wrong next to each field. */
export interface EvidenceForm {
  purpose: string;
  appealReference: string;
  appealType: string;
  hearingDate: DateInputValue;
  errors: Partial<Record<'purpose' | 'appealReference' | 'appealType' | 'hearingDate', string>>;
  errorSummary: ErrorSummaryItem[];
}

export const emptyEvidenceForm = (): EvidenceForm => ({ purpose: '', appealReference: '', appealType: '', hearingDate: dateInputOf(), errors: {}, errorSummary: [] });

const FIELD_IDS = { purpose: 'purpose', appealReference: 'appeal-reference', appealType: 'appeal-type', hearingDate: 'hearingDate-day' } as const;

/**
 * Read the export form: the purpose always; the appeal when a reference is given (then its type is needed, and the
 * hearing date, if given, must be a real date). The rules are the application's (EvidencePurpose, Appeal); only
 * the words are the form's.
 */
export function readEvidenceForm(body: unknown): { form: EvidenceForm; request: EvidenceRequest | null } {
  const fields = formBody(body);
  const form: EvidenceForm = {
    purpose: textField(fields, 'purpose') ?? '',
    appealReference: textField(fields, 'appealReference') ?? '',
    appealType: textField(fields, 'appealType') ?? '',
    hearingDate: dateInputFrom(fields, 'hearingDate'),
    errors: {},
    errorSummary: [],
  };
  const refuse = (field: keyof typeof FIELD_IDS, message: string) => {
    form.errors[field] = message;
    form.errorSummary.push({ text: message, href: `#${FIELD_IDS[field]}` });
  };

  if (form.purpose.trim() === '') refuse('purpose', 'Enter what the evidence is for, for example a First-tier Tribunal (SEND) appeal');
  else if (form.purpose.length > 500) refuse('purpose', 'What the evidence is for must be 500 characters or fewer');
  else if (!EvidencePurpose.safeParse(form.purpose).success) refuse('purpose', 'Say what the evidence is for in a few words, for example a First-tier Tribunal (SEND) appeal');

  const forAppeal = form.appealReference.trim() !== '' || form.appealType !== '' || form.hearingDate.iso !== undefined;
  let appeal: EvidenceRequest['appeal'] = null;
  if (forAppeal) {
    if (form.appealReference.trim() === '') refuse('appealReference', "Enter the tribunal's appeal reference, or leave the appeal details empty");
    else {
      const reference = Appeal.shape.reference.safeParse(form.appealReference);
      if (!reference.success) refuse('appealReference', `The appeal reference ${reference.error.issues[0]!.message}`);
    }
    if (!(APPEAL_TYPES as readonly string[]).includes(form.appealType)) refuse('appealType', 'Select what the appeal is about');
    const hearing = form.hearingDate;
    if (hearing.iso !== undefined) {
      if (hearing.missing.length > 0) refuse('hearingDate', `The hearing date must include a ${hearing.missing.join(' and a ')}`);
      else if (!isCalendarDate(hearing.iso)) refuse('hearingDate', 'The hearing date must be a real date');
    }
    if (form.errorSummary.length === 0) {
      appeal = { reference: form.appealReference.trim(), appealType: form.appealType as AppealType, hearingDate: hearing.iso ?? null };
    }
  }
  return { form, request: form.errorSummary.length === 0 ? { purpose: form.purpose.trim(), appeal } : null };
}
