import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, nhsNumberProblem } from '../../../src/domain/identifiers/nhs-number.js';
import { identifierProblem, normalisedIdentifier } from '../../../src/domain/identifiers/pupil-identifiers.js';
import { isValidUln, ulnProblem } from '../../../src/domain/identifiers/uln.js';
import { isValidUpn, upnCheckLetter, upnProblem } from '../../../src/domain/identifiers/upn.js';

describe('UPN check letter', () => {
  it('accepts a UPN whose check letter matches, worked by hand', () => {
    // 202 1234 25 001: 2x2 + 0x3 + 2x4 + 1x5 + 2x6 + 3x7 + 4x8 + 2x9 + 5x10 + 0x11 + 0x12 + 1x13 = 163; 163 mod 23 = 2 -> C.
    expect(upnCheckLetter('X202123425001')).toBe('C');
    expect(isValidUpn('C202123425001')).toBe(true);
  });

  it('accepts a temporary UPN ending in a letter, read in the same alphabet', () => {
    // The final A counts 0: 163 - 13 = 150; 150 mod 23 = 12 -> N.
    expect(isValidUpn('N20212342500A')).toBe(true);
  });

  it('refuses a wrong check letter, saying which letter the digits need', () => {
    expect(upnProblem('D202123425001')).toMatch(/begins with C/);
  });

  it('refuses the wrong shape and letters UPNs never use', () => {
    expect(upnProblem('C20212342500')).toMatch(/13 characters/);
    expect(upnProblem('c202123425001')).toMatch(/13 characters/);
    expect(upnProblem('C20212342500I')).toMatch(/never used/);
  });
});

describe('ULN check digit', () => {
  it('accepts a ULN whose check digit matches, worked by hand', () => {
    // 1x10 + 2x9 + 3x8 + 4x7 + 5x6 + 6x5 + 7x4 + 8x3 + 9x2 = 210; 210 mod 11 = 1; 10 - 1 = 9.
    expect(isValidUln('1234567899')).toBe(true);
  });

  it('refuses a wrong check digit, a leading zero and a number whose remainder is 0', () => {
    expect(ulnProblem('1234567898')).toMatch(/check digit/);
    expect(ulnProblem('0234567899')).toMatch(/not starting with 0/);
    // 1x10 + 3x4 (the eighth digit) = 22 = 2 x 11: remainder 0, so 10 - 0 = 10 is no digit and no ULN has these nine.
    expect(ulnProblem('1000000300')).toMatch(/check digit/);
    expect(isValidUln('1000000300')).toBe(false);
  });
});

describe('NHS number check digit', () => {
  it('accepts the NHS Data Dictionary\'s example', () => {
    // 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    expect(isValidNhsNumber('9434765919')).toBe(true);
  });

  it('refuses a wrong check digit and a number whose check would be 10', () => {
    expect(nhsNumberProblem('9434765918')).toMatch(/check digit/);
    // 1x10 = 10; 10 mod 11 = 10; 11 - 10 = 1: 1000000001 is valid.
    expect(isValidNhsNumber('1000000001')).toBe(true);
    // 1x10 + 1x2 (the ninth digit) = 12; 12 mod 11 = 1; 11 - 1 = 10: no NHS number has these nine digits.
    expect(nhsNumberProblem('1000000010')).toMatch(/check digit/);
  });
});

describe('identifiers as people write them', () => {
  it('ignores spacing and case, never a wrong character', () => {
    expect(normalisedIdentifier('nhs_number', '943 476 5919')).toBe('9434765919');
    expect(normalisedIdentifier('upn', 'c202 1234 25001')).toBe('C202123425001');
    expect(identifierProblem('nhs_number', normalisedIdentifier('nhs_number', '943-476-5919'))).toBeNull();
    expect(identifierProblem('upn', normalisedIdentifier('upn', 'c2021234250O1'))).not.toBeNull();
  });
});
