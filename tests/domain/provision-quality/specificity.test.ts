import { describe, expect, it } from 'vitest';
import { CHILD_EVENT_SCHEMAS } from '../../../src/domain/child-record/events.js';
import { PROVISION_SECTIONS, type ProvisionSection } from '../../../src/domain/child-record/vocabulary.js';
import { SOURCES } from '../../../src/domain/provision-quality/sources.js';
import {
  SPECIFICITY_FLAG_CODES, assessSpecificity, severityFor, specificAndQuantified, type SpecificityFlagCode,
} from '../../../src/domain/provision-quality/specificity.js';
import { provisionLine } from '../../support/ledger-client.js';
import { GOOD_SLT_LINE, codes, line, slt } from './fixtures.js';

describe('provision specificity: good lines raise nothing', () => {
  it.each([
    ['the HCPC-registered speech and language therapist line, with no groupSize and no qualification field (both are in the words)', line(GOOD_SLT_LINE, { deliveredBy: slt, frequency: { sessions: 1, per: 'week' }, groupSize: undefined })],
    ['Precision Teaching one-to-one by a trained teaching assistant', line('Precision Teaching for reading fluency, delivered one-to-one by a teaching assistant trained in Precision Teaching, 3 sessions of 10 minutes per week, with progress checked by the SENCO each half term', { groupSize: undefined })],
    ['occupational therapy by an HCPC-registered OT in a group of no more than 3', line('Occupational therapy programme for fine motor skills, delivered by an HCPC-registered occupational therapist in a group of no more than 3 pupils', { deliveredBy: { organisation: 'Children\'s OT service', role: 'Occupational therapist' }, frequency: { sessions: 1, per: 'fortnight' }, groupSize: undefined })],
    ['an ELSA group with its size in the groupSize field', line('Emotional literacy sessions from a trained ELSA, following the ELSA programme, targeting recognising and naming feelings', { deliveredBy: { organisation: 'Hillside Primary School', role: 'Emotional literacy support assistant', qualification: 'ELSA training (Educational Psychology Service, 6 days)' }, frequency: { sessions: 1, per: 'week' }, groupSize: 3 })],
    ['a specialist teacher\'s advisory visits counted per term (not therapy, so per term is fine)', line('Advisory visits from a qualified teacher of the visually impaired to set up modified large-print resources', { deliveredBy: { organisation: 'Sensory Support Service', role: 'Specialist teacher (VI)', qualification: 'Mandatory qualification for teachers of the visually impaired' }, frequency: { sessions: 2, per: 'term' } })],
    ['a time-limited programme with no end date (plans are reviewed at least annually)', line('A 10-week block of Lego-based therapy in a group of 3 pupils, led by a teaching assistant trained in Lego-based therapy', { groupSize: undefined })],
    ['a month and a child both called May', line('From May 2025, May will receive 1:1 Numicon teaching from a teaching assistant', { groupSize: undefined })],
  ])('%s', (_name, terms) => {
    expect(assessSpecificity(terms, 'F')).toEqual([]);
    expect(specificAndQuantified(terms, 'F')).toBe(true);
  });

  it('accepts a ProvisionPromised payload as parsed by the event schema (the test support\'s demo line is specific)', () => {
    const promised = CHILD_EVENT_SCHEMAS.ProvisionPromised.parse({ ...provisionLine('7f1f3c2e-4a39-4a55-9a0b-3d7f1b9f2c11'), provisionId: '0b6f1c8e-2d4a-4f7e-8a9b-1c2d3e4f5a6b' });
    expect(promised.endDate).toBeUndefined();
    expect(assessSpecificity(promised, promised.section)).toEqual([]);
  });

  it('judges a variation on the terms it leaves in force', () => {
    const promised = CHILD_EVENT_SCHEMAS.ProvisionPromised.parse({ ...provisionLine('7f1f3c2e-4a39-4a55-9a0b-3d7f1b9f2c11'), provisionId: '0b6f1c8e-2d4a-4f7e-8a9b-1c2d3e4f5a6b' });
    const varied = CHILD_EVENT_SCHEMAS.ProvisionVaried.parse({
      provisionId: promised.provisionId,
      changes: { description: 'Speech and language therapy as required', frequency: { sessions: 1, per: 'term' } },
      reason: 'Annual review',
      authority: { name: 'R. Mensah', role: 'SEN panel chair' },
    });
    expect(codes(assessSpecificity({ ...promised, ...varied.changes }, promised.section))).toEqual(['loose-therapy-frequency', 'discretionary-wording']);
  });
});

describe('provision specificity: red-flag wording in the description (section F)', () => {
  /** Each row: the plan's words, then every flag expected as [code, evidence as written]. */
  it.each<[string, Array<[SpecificityFlagCode, string]>]>([
    ['Access to a TA as required', [['vague-wording', 'Access to'], ['discretionary-wording', 'as required']]],
    ['Regular small group literacy support', [['vague-wording', 'Regular']]],
    ['Up to 10 hours of support per week from a teaching assistant', [['upper-bound-only', 'Up to 10 hours']]],
    ['Opportunities for social interaction with peers at lunchtime', [['vague-wording', 'Opportunities for']]],
    ['Opportunity to practise social skills in a structured setting', [['vague-wording', 'Opportunity to']]],
    ['Phonics taught regularly in a group of 4', [['vague-wording', 'regularly']]],
    ['Movement breaks as needed throughout the day', [['discretionary-wording', 'as needed']]],
    ['A visual timetable, used as appropriate', [['discretionary-wording', 'as appropriate']]],
    ['Pre-teaching of topic vocabulary where appropriate', [['discretionary-wording', 'where appropriate']]],
    ['An adult to scribe for written tasks where necessary', [['discretionary-wording', 'where necessary']]],
    ['Support with organisation and planning of homework', [['vague-wording', 'Support with']]],
    ['A differentiated curriculum with visual supports', [['vague-wording', 'differentiated curriculum']]],
    ['Amir may benefit from a social communication group', [['discretionary-wording', 'may']]],
    ['Sessions could be delivered by the class teacher', [['discretionary-wording', 'could']]],
    ['Amir should have access to a quiet workstation', [['discretionary-wording', 'should have access to']]],
    ['Additional adult support in PE if needed', [['discretionary-wording', 'if needed']]],
    ['Access to a laptop as required and regular check-ins, as required', [['vague-wording', 'Access to'], ['discretionary-wording', 'as required'], ['vague-wording', 'regular']]],
  ])('"%s"', (description, expected) => {
    const flags = assessSpecificity(line(description), 'F');
    expect(flags.map((f) => [f.code, f.evidence])).toEqual(expected);
    for (const flag of flags) {
      expect(flag).toMatchObject({ severity: 'legal', field: 'description' });
      expect(flag.message).toContain(`"${flag.evidence}"`);
    }
    expect(specificAndQuantified(line(description), 'F')).toBe(false);
  });

  it('cites East Sussex v TW for "opportunities", and L v Clarke for wording that leaves provision to discretion', () => {
    const [opportunities] = assessSpecificity(line('Opportunities for'), 'F');
    expect(opportunities?.source).toBe('East Sussex CC v TW [2016] UKUT 528 (AAC); SEND Code of Practice 9.69');
    const [asRequired] = assessSpecificity(line('Speech and language therapy as required'), 'F');
    expect(asRequired?.source).toBe('SEND Code of Practice 9.69; L v Clarke and Somerset CC (1998)');
    const [upTo] = assessSpecificity(line('up to 10 hours'), 'F');
    expect(upTo?.source).toBe('SEND Code of Practice 9.69');
  });
});

describe('provision specificity: who delivers', () => {
  it.each(['staff', 'an adult', 'Support staff', 'Appropriately trained member of school staff', 'adult support', 'School', 'TBC'])('"%s" is not a role', (role) => {
    const flags = assessSpecificity(line('Precision Teaching for reading', { deliveredBy: { organisation: 'Hillside Primary School', role } }), 'F');
    expect(flags).toEqual([expect.objectContaining({ code: 'generic-deliverer', field: 'deliveredBy.role', evidence: role, severity: 'legal', source: SOURCES.codeOfPractice969 })]);
  });

  it.each(['Teaching assistant', 'SENCO', 'Class teacher', 'Key adult', 'Specialist teacher (VI)', 'Learning support assistant'])('"%s" is a role', (role) => {
    expect(assessSpecificity(line('Precision Teaching for reading', { deliveredBy: { organisation: 'Hillside Primary School', role } }), 'F')).toEqual([]);
  });

  it.each(['Appropriately trained', 'suitably qualified and experienced', 'Relevant training', 'N/A'])('a qualification of "%s" names nothing', (qualification) => {
    const flags = assessSpecificity(line('Precision Teaching for reading', { deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant', qualification } }), 'F');
    expect(flags).toEqual([expect.objectContaining({ code: 'vague-qualification', field: 'deliveredBy.qualification', evidence: qualification })]);
  });

  it.each<[string, string, string | undefined, string]>([
    ['Speech and language therapy programme targeting vocabulary', 'Teaching assistant', undefined, 'no qualification given for "Speech and language therapy"'],
    ['Sensory circuit devised by the OT', 'Teaching assistant', undefined, 'no qualification given for "OT"'],
    ['SALT programme for attention and listening', 'Teaching assistant', undefined, 'no qualification given for "SALT"'],
    ['Physiotherapy exercises for core stability', 'Teaching assistant', 'Appropriately trained', '"Appropriately trained" for "Physiotherapy"'],
    ['Consultation on the child\'s learning profile', 'Educational psychologist', undefined, 'no qualification given for "Educational psychologist"'],
    ['Direct therapy for motor planning', 'Occupational therapist', undefined, 'no qualification given for "Occupational therapist"'],
  ])('therapy without a qualification: "%s" by %s', (description, role, qualification, evidence) => {
    const flags = assessSpecificity(line(description, { deliveredBy: { organisation: 'NHS', role, qualification } }), 'F');
    expect(flags).toEqual([expect.objectContaining({ code: 'therapy-qualification-missing', field: 'deliveredBy.qualification', evidence, severity: 'legal' })]);
    expect(flags[0]?.message).toMatch(/^Say what qualification or registration .* \(for example "HCPC-registered [a-z ]+"\);/);
  });

  it.each<[string, string, string | undefined]>([
    ['qualification field', 'Speech and language therapist', 'HCPC registration'],
    ['a named qualification', 'Speech and language therapist', 'MSc Speech and Language Therapy'],
    ['registration in the role', 'HCPC-registered physiotherapist', undefined],
    ['chartered status in the role', 'Chartered educational psychologist', undefined],
    ['a TA\'s named training for a therapist\'s programme', 'Teaching assistant', 'Trained by the speech and language therapist in the Language for Thinking programme'],
  ])('therapy with its qualification stated (%s) passes', (_name, role, qualification) => {
    expect(assessSpecificity(line('Individual speech and language therapy targeting expressive language', { deliveredBy: { organisation: 'NHS', role, qualification } }), 'F')).toEqual([]);
  });

  it('does not take "salt dough", "a lot" or "got" for therapy (acronyms are matched in capitals only)', () => {
    const noQualification = { organisation: 'Hillside Primary School', role: 'Teaching assistant' };
    expect(assessSpecificity(line('Salt dough modelling to build hand strength: a lot of pinching and rolling once the class has got its tools out', { deliveredBy: noQualification }), 'F')).toEqual([]);
  });
});

describe('provision specificity: how often', () => {
  const therapist = { organisation: 'NHS', role: 'Speech and language therapist', qualification: 'HCPC-registered' };

  it.each<[ProvisionSection, { sessions: number; per: 'term' | 'year' }, string]>([
    ['F', { sessions: 6, per: 'term' }, '6 sessions per term'],
    ['F', { sessions: 1, per: 'year' }, '1 session per year'],
  ])('therapy counted per term or year is too loose (%s, %o)', (section, frequency, evidence) => {
    const flags = assessSpecificity(line('Individual speech and language therapy targeting expressive language', { deliveredBy: therapist, frequency }), section);
    expect(flags).toEqual([expect.objectContaining({ code: 'loose-therapy-frequency', field: 'frequency', evidence, severity: 'legal' })]);
    expect(flags[0]?.message).toContain('per week, fortnight or half term');
  });

  it.each(['day', 'week', 'fortnight', 'month', 'half_term'] as const)('therapy per %s is a pattern', (per) => {
    expect(assessSpecificity(line('Individual physiotherapy', { deliveredBy: { ...therapist, role: 'Physiotherapist' }, frequency: { sessions: 2, per } }), 'F')).toEqual([]);
  });

  it('educational psychology and other provision per term are not flagged (consultation and advisory visits are counted that way)', () => {
    const ep = { organisation: 'Educational Psychology Service', role: 'Educational psychologist', qualification: 'HCPC-registered practitioner psychologist' };
    expect(assessSpecificity(line('Consultation with staff on the child\'s learning profile', { deliveredBy: ep, frequency: { sessions: 1, per: 'term' } }), 'F')).toEqual([]);
    expect(assessSpecificity(line('Precision Teaching for reading', { frequency: { sessions: 10, per: 'year' } }), 'F')).toEqual([]);
  });
});

describe('provision specificity: group size', () => {
  it.each([
    'Numicon teaching, delivered individually',
    'Numicon teaching 1:1',
    'Numicon teaching 1-1',
    'Numicon teaching one-to-one',
    'Numicon teaching at a ratio of 1:3',
    'Numicon teaching in pairs',
    'Numicon teaching in a group of no more than 4',
    'Numicon teaching in groups of up to 6',
    'Numicon teaching with 5 other pupils',
    'Numicon teaching as part of whole-class maths',
    'Individual Numicon teaching sessions',
  ])('"%s" states a group size', (description) => {
    expect(assessSpecificity(line(description, { groupSize: undefined }), 'F')).toEqual([]);
  });

  it.each<[string, string]>([
    ['Numicon teaching for number bonds', 'no group size given'],
    ['Numicon teaching in a small group', '"small group" with no size'],
    ['Counting 1-10 with Numicon', 'no group size given'],
    ['Individual targets in maths', 'no group size given'],
  ])('"%s" does not', (description, evidence) => {
    expect(assessSpecificity(line(description, { groupSize: undefined }), 'F')).toEqual([
      expect.objectContaining({ code: 'group-size-missing', field: 'groupSize', evidence, severity: 'legal' }),
    ]);
  });

  it('is asked of section F and SEN support, not of G, H1 or H2', () => {
    const terms = line('Numicon teaching for number bonds', { groupSize: undefined });
    const bySection = Object.fromEntries(PROVISION_SECTIONS.map((section) => [section, codes(assessSpecificity(terms, section))]));
    expect(bySection).toEqual({ F: ['group-size-missing'], G: [], H1: [], H2: [], SEN_SUPPORT: ['group-size-missing'] });
  });
});

describe('provision specificity: severity by section', () => {
  const vague = line('Regular small group literacy sessions and access to a TA as required', { deliveredBy: { organisation: 'Hillside Primary School', role: 'support staff' }, groupSize: undefined });

  it('reports SEN support with the same checks as section F, as advice', () => {
    const f = assessSpecificity(vague, 'F');
    const senSupport = assessSpecificity(vague, 'SEN_SUPPORT');
    expect(codes(f)).toEqual(['generic-deliverer', 'group-size-missing', 'vague-wording', 'vague-wording', 'discretionary-wording']);
    expect(senSupport).toEqual(f.map((flag) => ({ ...flag, severity: 'advice' })));
  });

  it.each(['G', 'H1', 'H2'] as const)('reports section %s as advice', (section) => {
    const flags = assessSpecificity(vague, section);
    expect(codes(flags)).toEqual(['generic-deliverer', 'vague-wording', 'vague-wording', 'discretionary-wording']);
    expect(flags.every((flag) => flag.severity === 'advice')).toBe(true);
  });

  it('only section F is legal', () => {
    expect(PROVISION_SECTIONS.map((section) => [section, severityFor(section)])).toEqual([
      ['F', 'legal'], ['G', 'advice'], ['H1', 'advice'], ['H2', 'advice'], ['SEN_SUPPORT', 'advice'],
    ]);
  });

  it('specificAndQuantified means no legal flag: false for vague section F, true (by definition) for vague SEN support', () => {
    expect(specificAndQuantified(vague, 'F')).toBe(false);
    expect(specificAndQuantified(vague, 'SEN_SUPPORT')).toBe(true);
    expect(assessSpecificity(vague, 'SEN_SUPPORT')).not.toEqual([]);
  });
});

describe('provision specificity: every flag is actionable and cites only the domain reference\'s authorities', () => {
  const worst = line('Up to 10 hours of support with reading, opportunities for speech and language therapy as needed, may include a differentiated curriculum', {
    deliveredBy: { organisation: 'School', role: 'staff', qualification: 'trained' },
    frequency: { sessions: 1, per: 'year' },
    groupSize: undefined,
  });
  const flags = assessSpecificity(worst, 'F');

  it('raises each check once, in the order who, how often, group size, wording', () => {
    expect(codes(flags)).toEqual([
      'generic-deliverer', 'therapy-qualification-missing', 'loose-therapy-frequency', 'group-size-missing',
      'upper-bound-only', 'vague-wording', 'vague-wording', 'discretionary-wording', 'discretionary-wording', 'vague-wording',
    ]);
    expect(new Set(codes(flags))).toEqual(new Set(SPECIFICITY_FLAG_CODES.filter((code) => code !== 'vague-qualification')));
  });

  it('gives each a full sentence, evidence and a known source', () => {
    const known = new Set<string>(Object.values(SOURCES));
    for (const flag of flags) {
      expect(flag.message).toMatch(/^["A-Z0-9].{30,}\.$/s);
      expect(flag.evidence.length).toBeGreaterThan(0);
      for (const source of flag.source.split('; ')) expect(known).toContain(source);
    }
  });
});
