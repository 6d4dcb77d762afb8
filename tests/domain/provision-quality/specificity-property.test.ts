import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVISION_SECTIONS } from '../../../src/domain/child-record/vocabulary.js';
import { RED_FLAG_PHRASES } from '../../../src/domain/provision-quality/phrases.js';
import { assessSpecificity, type AssessableTerms } from '../../../src/domain/provision-quality/specificity.js';
import { GOOD_SLT_LINE, codes } from './fixtures.js';

/** Good plan wording, assembled from parts that each say what, who, how often, how long and group size. */
const goodDescription = fc
  .record({
    what: fc.constantFrom(
      'Individual speech and language therapy',
      'Precision Teaching for reading fluency',
      'Lego-based therapy',
      'Zones of Regulation teaching',
      'A fine motor skills programme devised by the occupational therapist',
      'Numicon maths intervention',
      'Pre-teaching of topic vocabulary',
    ),
    who: fc.constantFrom(
      'delivered by a teaching assistant trained in Precision Teaching',
      'with an HCPC-registered speech and language therapist',
      'led by the class teacher',
      'delivered by a specialist teacher for literacy',
    ),
    sessions: fc.integer({ min: 1, max: 5 }),
    minutes: fc.integer({ min: 10, max: 60 }),
    per: fc.constantFrom('per week', 'each fortnight', 'per half term'),
    group: fc.constantFrom('one-to-one', 'in a group of no more than 4 pupils', 'in pairs', 'individually'),
    target: fc.constantFrom('targeting expressive language', 'to build phonics decoding', 'focused on number bonds to 20', 'with progress reviewed by the SENCO each half term'),
  })
  .map(({ what, who, sessions, minutes, per, group, target }) =>
    `${what}, ${who}, ${sessions} session${sessions === 1 ? '' : 's'} of ${minutes} minutes ${per}, ${group}, ${target}.`);

const goodTerms = (description: string): AssessableTerms => ({
  description,
  deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant', qualification: 'Trained and supervised by the HCPC-registered speech and language therapist' },
  frequency: { sessions: 2, per: 'week' },
});

/** Every variant in the catalogue, as a caseworker might type it. */
const redFlag = fc.constantFrom(...RED_FLAG_PHRASES.flatMap((phrase) => phrase.variants));

/** Put words into a description at any gap between its words (or at either end). */
const insertAt = (description: string, words: string, gap: number) => {
  const parts = description.split(' ');
  const at = gap % (parts.length + 1);
  return [...parts.slice(0, at), words, ...parts.slice(at)].join(' ');
};

const normalise = (words: string) => words.toLowerCase().replace(/[\s\u00a0-]+/g, ' ');

describe('provision specificity: properties', () => {
  it('the generated good descriptions (and the brief\'s good line) raise no flag in any section', () => {
    expect(assessSpecificity(goodTerms(GOOD_SLT_LINE), 'F')).toEqual([]);
    fc.assert(
      fc.property(goodDescription, fc.constantFrom(...PROVISION_SECTIONS), (description, section) => {
        expect(assessSpecificity(goodTerms(description), section)).toEqual([]);
      }),
    );
  });

  it('adding any red-flag phrase anywhere in a good description, in lower case or capitals, always raises a wording flag on those words', () => {
    fc.assert(
      fc.property(goodDescription, redFlag, fc.nat(), fc.boolean(), (description, phrase, gap, capitals) => {
        const words = capitals ? phrase.toUpperCase() : phrase;
        const flags = assessSpecificity(goodTerms(insertAt(description, words, gap)), 'F');
        const wording = flags.filter((flag) => flag.field === 'description');
        expect(wording.length).toBeGreaterThan(0);
        expect(wording.some((flag) => normalise(flag.evidence).includes(normalise(phrase)))).toBe(true);
        expect(wording.every((flag) => flag.severity === 'legal')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('SEN support raises exactly the checks of section F, as advice; G, H1 and H2 the same less the group size', () => {
    const anyTerms = fc.record({
      description: fc.oneof(
        goodDescription,
        fc.tuple(goodDescription, redFlag, fc.nat()).map(([description, phrase, gap]) => insertAt(description, phrase, gap)),
        fc.string({ minLength: 1, maxLength: 200 }),
      ),
      deliveredBy: fc.record({
        organisation: fc.constant('Hillside Primary School'),
        role: fc.constantFrom('Teaching assistant', 'staff', 'Speech and language therapist', 'an adult', 'Physiotherapist'),
        qualification: fc.option(fc.constantFrom('HCPC-registered', 'appropriately trained', 'Level 3 teaching assistant'), { nil: undefined }),
      }),
      frequency: fc.record({ sessions: fc.integer({ min: 1, max: 10 }), per: fc.constantFrom('day', 'week', 'fortnight', 'month', 'half_term', 'term', 'year') }),
      groupSize: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(anyTerms, (terms) => {
        const f = assessSpecificity(terms, 'F');
        expect(f.every((flag) => flag.severity === 'legal')).toBe(true);
        expect(assessSpecificity(terms, 'SEN_SUPPORT')).toEqual(f.map((flag) => ({ ...flag, severity: 'advice' })));
        for (const section of ['G', 'H1', 'H2'] as const) {
          const flags = assessSpecificity(terms, section);
          expect(flags.every((flag) => flag.severity === 'advice')).toBe(true);
          expect(codes(flags)).toEqual(codes(f).filter((code) => code !== 'group-size-missing'));
        }
      }),
      { numRuns: 300 },
    );
  });
});
