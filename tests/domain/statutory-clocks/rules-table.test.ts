import { describe, expect, it } from 'vitest';
import { CHILD_EVENT_SCHEMAS } from '../../../src/domain/child-record/events.js';
import { CLOCK_EVENT_SCHEMAS } from '../../../src/domain/statutory-clocks/clock-events.js';
import type { RuleVersion } from '../../../src/domain/statutory-clocks/rule-types.js';
import { STATUTORY_RULES, ruleById } from '../../../src/domain/statutory-clocks/rules.js';

const SCHEMAS: Record<string, { shape: Record<string, unknown> }> = { ...CHILD_EVENT_SCHEMAS, ...CLOCK_EVENT_SCHEMAS };
const versions = STATUTORY_RULES.flatMap((rule) => rule.versions.map((version) => ({ rule, version })));
const overlaps = (a: RuleVersion, b: RuleVersion) => a.inForce.from <= (b.inForce.to ?? '9999-12-31') && b.inForce.from <= (a.inForce.to ?? '9999-12-31');

describe('statutory clocks: the rule table', () => {
  it('has unique rule ids and version labels', () => {
    expect(new Set(STATUTORY_RULES.map((rule) => rule.id)).size).toBe(STATUTORY_RULES.length);
    for (const rule of STATUTORY_RULES) expect(new Set(rule.versions.map((v) => v.version)).size).toBe(rule.versions.length);
  });

  it.each(versions.map(({ rule, version }) => [`${rule.id} ${version.version}`, version]))('%s: a legal source and a valid in-force period', (_, version) => {
    expect(version.legalSource.length).toBeGreaterThan(5);
    expect(version.inForce.from <= (version.inForce.to ?? '9999-12-31')).toBe(true);
  });

  it('versions judged on the trigger date never overlap, so one governs each clock; overlays judged on the due date remove the fixed date', () => {
    for (const rule of STATUTORY_RULES) {
      const base = rule.versions.filter((v) => v.judgedOn === 'trigger_date');
      base.forEach((a, i) => base.slice(i + 1).forEach((b) => expect(overlaps(a, b), `${rule.id}: ${a.version} / ${b.version}`).toBe(false)));
      for (const overlay of rule.versions.filter((v) => v.judgedOn === 'due_date')) expect(overlay.limit.kind).toBe('no_fixed_limit');
      for (const version of base) expect(version.limit.kind).not.toBe('no_fixed_limit');
    }
  });

  it('names only entry types the child record or this module defines, and subject fields their schemas have', () => {
    for (const { rule, version } of versions) {
      const types = [...version.trigger.entries, ...version.stops, ...version.lapses].map((match) => match.type);
      if (version.limit.kind === 'computed' && version.limit.computation === 'appeal_window') types.push(version.limit.certificateType);
      for (const type of types) expect(SCHEMAS[type], `${rule.id}: ${type}`).toBeDefined();
      for (const trigger of version.trigger.entries) expect(Object.keys(SCHEMAS[trigger.type]!.shape), `${rule.id}: ${trigger.type}`).toContain(trigger.subject);
    }
  });

  it('says whose each limit is: the appeal window alone is a right (of the parent or young person); every other rule is a duty', () => {
    expect(STATUTORY_RULES.filter((rule) => rule.obligation.kind === 'right').map((rule) => [rule.id, rule.obligation.holder])).toEqual([
      ['appeal-window', 'parent_or_young_person'],
    ]);
    expect(ruleById('advice')?.obligation).toEqual({ kind: 'duty', holder: 'body_asked_for_advice' });
  });

  it('gives a plain reason for every entry that meets or ends a clock', () => {
    for (const { rule, version } of versions) {
      for (const ending of [...version.stops, ...version.lapses]) expect(ending.reason.length, `${rule.id}: ${ending.type}`).toBeGreaterThan(10);
    }
  });

  it('versions the amended-plan rule by the date of the Devon judgment (handed down 8 March 2022)', () => {
    expect(ruleById('amended-plan')?.versions.map((v) => [v.version, v.inForce])).toEqual([
      ['2014', { from: '2014-09-01', to: '2022-03-07' }],
      ['devon-2022', { from: '2022-03-08' }],
    ]);
  });

  it('the 2020 modification covers the 6-, 16- and 20-week assessment limits and advice, from 1 May to 25 September 2020', () => {
    const modified = STATUTORY_RULES.filter((rule) => rule.versions.some((v) => v.version === 'coronavirus-2020'));
    expect(modified.map((rule) => rule.id)).toEqual(['decide-whether-to-assess', 'advice', 'decision-whether-to-issue', 'final-plan']);
    for (const rule of modified) {
      expect(rule.versions.find((v) => v.version === 'coronavirus-2020')).toMatchObject({ inForce: { from: '2020-05-01', to: '2020-09-25' }, onlyWithException: 'coronavirus' });
    }
  });
});
