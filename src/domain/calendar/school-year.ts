import { makeDate, monthOf, yearOf, type IsoDate } from './iso-date.js';

/**
 * The English school year runs from 1 September to 31 August. Children born from 1 September to the
 * next 31 August are one year group, and start reception in the September after their 4th birthday:
 * five years after the September that began the school year they were born in. Year 1 follows
 * reception, and so on (Year 6 is the last of primary school, Year 11 of compulsory secondary school).
 */

/** The calendar year of the September that began the school year a date falls in. */
export const schoolYearOf = (date: IsoDate): number => (monthOf(date) >= 9 ? yearOf(date) : yearOf(date) - 1);

/** 1 September of a school year. */
export const startOfSchoolYear = (schoolYear: number): IsoDate => makeDate(schoolYear, 9, 1);

/** The day a child born on `dateOfBirth` begins a year group (0 for reception), in the usual year group for their age. */
export const yearGroupStarts = (dateOfBirth: IsoDate, yearGroup: number): IsoDate => startOfSchoolYear(schoolYearOf(dateOfBirth) + 5 + yearGroup);
