import { describe, expect, it } from 'vitest';
import { frameworkOn } from '../../src/domain/legal-framework/code-in-force.js';

describe('the legal framework in force on a date', () => {
  it.each([
    ['2012-05-01', false, 'sen_code_2001'],
    ['2014-08-31', true, 'sen_code_2001'],
    ['2014-09-01', true, 'transitional_2014_2018'],
    ['2014-09-01', false, 'send_code_2015'],
    ['2016-03-10', true, 'transitional_2014_2018'],
    ['2018-03-31', true, 'transitional_2014_2018'],
    ['2018-04-01', true, 'send_code_2015'],
    ['2024-01-01', false, 'send_code_2015'],
  ] as const)('%s, holding a statement: %s -> %s', (date, holdsStatement, framework) => {
    expect(frameworkOn(date, holdsStatement).framework).toBe(framework);
  });

  it('names its legal source', () => {
    expect(frameworkOn('2010-01-01', false).source).toContain('Education Act 1996');
    expect(frameworkOn('2020-01-01', false).source).toContain('Children and Families Act 2014');
  });
});
