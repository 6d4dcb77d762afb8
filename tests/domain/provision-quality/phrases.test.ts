import { describe, expect, it } from 'vitest';
import { RED_FLAG_PHRASES, findRedFlagPhrases } from '../../../src/domain/provision-quality/phrases.js';

const found = (description: string) => findRedFlagPhrases(description).map((match) => match.text);
const ids = (description: string) => findRedFlagPhrases(description).map((match) => match.phrase.id);

const EVERY_VARIANT = RED_FLAG_PHRASES.flatMap((phrase) => phrase.variants.map((variant) => [phrase.id, variant] as const));

describe('red-flag phrases: every variant of the catalogue is found', () => {
  it('covers each phrase family of the domain reference and the brief', () => {
    expect(RED_FLAG_PHRASES.map((phrase) => phrase.id)).toEqual([
      'should-have-access', 'access-to', 'opportunities', 'regular', 'as-required', 'where-appropriate', 'if-needed',
      'support-with', 'differentiated-curriculum', 'up-to', 'may', 'could',
    ]);
  });

  it.each(EVERY_VARIANT)('%s: "%s" mid-sentence, in lower case', (id, variant) => {
    const matches = findRedFlagPhrases(`Jo will have ${variant} phonics practice.`);
    expect(matches.map((m) => [m.phrase.id, m.text])).toEqual([[id, variant]]);
  });

  it.each(EVERY_VARIANT)('%s: "%s" in capitals', (id, variant) => {
    expect(ids(`JO WILL HAVE ${variant.toUpperCase()} PHONICS PRACTICE.`)).toEqual([id]);
  });

  it.each(EVERY_VARIANT.filter(([id]) => id !== 'may'))('%s: "%s" starting a sentence', (id, variant) => {
    expect(ids(`${variant[0]!.toUpperCase()}${variant.slice(1)} phonics practice.`)).toEqual([id]);
  });

  it('matches words split by hyphens, several spaces, line breaks or no-break spaces', () => {
    expect(found('Movement breaks as-needed')).toEqual(['as-needed']);
    expect(found('Access   to a laptop')).toEqual(['Access   to']);
    expect(found('support\nwith reading')).toEqual(['support\nwith']);
    expect(found('where\u00a0appropriate')).toEqual(['where\u00a0appropriate']);
  });
});

describe('red-flag phrases: whole words only', () => {
  it.each([
    ['"irregular" is not "regular" (a different word, not the vague frequency)', 'Attendance has been irregular; irregularly spaced sessions'],
    ['nor is "regularity" or "Zones of Regulation"', 'Zones of Regulation teaching to build regularity of routine'],
    ['"accessible" is not "access to"', 'Accessible large-print resources for all lessons; accessibility tools'],
    ['nor is "access token" or "accessed"', 'An access token for the reading app, accessed in class'],
    ['"support without" and "supportive with" are not "support with"', 'Support without prompting, supportive with peers'],
    ['"dismay", "Mayfield" and "maybe" are not "may"', 'To the dismay of the class, the Mayfield trip goes ahead; maybe'],
    ['"opportunity" alone is not "opportunity to"', 'Every opportunity is taken'],
    ['"up to date", "up to the end of" and "build up to" without an amount are not a ceiling', 'An up-to-date plan, kept up to date up to the end of Year 6'],
    ['"scoured" and "unsupported" contain no phrase', 'Scoured resources, unsupported writing'],
  ])('%s', (_name, description) => {
    expect(found(description)).toEqual([]);
  });
});

describe('red-flag phrases: judged in context', () => {
  it('"May" with a capital M is a month or a name; "may" and "MAY" are the hedge', () => {
    expect(found('From 1 May 2025 May will receive 1:1 Numicon teaching')).toEqual([]);
    expect(found('May may need prompting')).toEqual(['may']);
    expect(found('SHE MAY NEED PROMPTING')).toEqual(['MAY']);
  });

  it.each([
    ['up to 10 hours of support', ['up to 10 hours']],
    ['up to 10hrs of support', ['up to 10hrs']],
    ['up to 2.5 hours per week', ['up to 2.5 hours']],
    ['up to three sessions a week', ['up to three sessions']],
    ['up to an hour a day', ['up to an hour']],
    ['up to 2 x 30 minute sessions', ['up to 2 x']],
    ['support of up to 15', ['up to 15']],
    ['in groups of up to 4', []],
    ['in a group size of up to 6', []],
    ['with up to 6 pupils', []],
    ['in a group of up to 8 children', []],
  ])('"%s" → %o', (description, expected) => {
    expect(found(description)).toEqual(expected);
  });

  it('reports the longer of two overlapping phrases once: "should have access to" is not also "access to"', () => {
    expect(ids('Amir should have access to a quiet room')).toEqual(['should-have-access']);
    expect(found('Amir should be given access to a quiet room')).toEqual(['should be given access to']);
  });

  it('reports the same words once, different words separately, in the order written', () => {
    expect(found('As required, a laptop; a writing slope as required; a reader as needed')).toEqual(['As required', 'as needed']);
    expect(found('Could use a laptop regularly; access to a reader')).toEqual(['Could', 'regularly', 'access to']);
    expect(findRedFlagPhrases('x regularly y').map((m) => m.index)).toEqual([2]);
  });

  it('each match carries the phrase\'s code, advice quoting the words, and a source', () => {
    const [match] = findRedFlagPhrases('Up to 10 hours');
    expect(match?.phrase.code).toBe('upper-bound-only');
    expect(match?.phrase.advice(match.text)).toBe(
      '"Up to 10 hours" sets only a ceiling, so providing nothing would comply: state the amount the child will receive (a fixed amount, or a minimum such as "at least …").',
    );
    expect(match?.phrase.source).toBe('SEND Code of Practice 9.69');
  });
});
