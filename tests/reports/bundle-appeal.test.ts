import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import { cast } from '../../src/demo/cast.js';
import { childB as childBScript } from '../../src/demo/child-b-refused-assessment.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { BundleManifest } from '../../src/integrity/evidence/bundle.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { checkBundleLimits, renderTribunalBundlePdf, tribunalBundleContent, TRIBUNAL_BUNDLE_RENDERER, type TribunalBundleInput } from '../../src/reports/tribunal-bundle/index.js';
import { RENDERER_EDITION_1 } from '../../src/reports/tribunal-bundle/bundle-editions.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const OUT = join(process.cwd(), 'test-results', 'bundle-appeal');

/**
 * The bundle of an appeal as the record holds it: the demo's Child B (a refusal to assess not opposed on appeal, the
 * assessment revived and the plan issued late against the original request; an appeal against sections F and I with
 * directions, a response, a hearing and the working document; flagged lines), then, recorded here through the write
 * path, the tribunal's decision on the second appeal: an order to amend section F complied with late, an order to name
 * a school, and a health recommendation answered late.
 */
const la = cast.caseworker2;
const head = { treeSize: 9000, rootHash: 'ab12'.repeat(16), timestamp: '2026-07-01T10:00:01.000Z', keyId: 'cd34'.repeat(16), signature: 'c2lnbmF0dXJl' };

function manifestFor(entries: readonly LedgerEntry[], compiledAt: string, renderer = TRIBUNAL_BUNDLE_RENDERER): BundleManifest {
  return {
    exportId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
    childId: entries[0]!.streamId.slice('child-'.length),
    purpose: 'Appeal to the First-tier Tribunal about sections F and I of the EHC plan',
    compiledAt,
    compiledBy: { id: cast.advocate.id, displayName: cast.advocate.displayName, role: 'advocate', organisation: cast.advocate.organisation },
    appeal: { reference: 'EH202/25/00417', hearingDate: '2026-04-21', appealType: 'sections_b_and_f' },
    version: 1,
    previousVersion: null,
    changes: [],
    streamLength: entries.length,
    throughRevision: entries.length - 1,
    omitted: [],
    undisclosed: [],
    lateThresholdDays: 14,
    renderer,
    witnessPolicy: null,
  };
}

const squeezed = (text: string) => text.replace(/\s+/g, ' ');

const clock = createSimulatedClock();

/** Recorded through the write path the day it happened, an hour later (the store stamps the recorded time from the clock). */
async function record(store: EventStore, childId: string, type: Parameters<typeof recordChildEntry>[3], data: Record<string, unknown>, occurredAt: string) {
  clock.set(new Date(Date.parse(occurredAt) + 3_600_000).toISOString());
  await recordChildEntry({ store, clock: clock.now }, childId, la, type, data as never, { correlationId: 'test', causationId: 'test', occurredAt });
}

describe('the bundle of an appeal: its course, its orders and their time limits, the working document and the golden thread', () => {
  const dir = tempDir();
  const childId = childBScript().childId;
  let store: EventStore;
  let before: LedgerEntry[];
  let entries: LedgerEntry[];
  let text: string;
  let input: TribunalBundleInput;

  beforeAll(async () => {
    store = createMemoryStore(clock.now);
    await loadDemo(store, clock);
    const demo = await store.readStream(`child-${childId}`);
    const appealId = String(demo.find((e) => e.type === 'AppealRegistered' && e.data['tribunalReference'] === 'EH202/25/00417')!.data['appealId']);
    const planId = String(demo.find((e) => e.type === 'FinalPlanIssued')!.data['planId']);
    // The bundle as it would have been compiled the day before the hearing: orders not made yet.
    before = demo;
    await record(store, childId, 'TribunalDecisionIssued', { appealId, outcome: 'allowed_in_part', summary: 'Section F is to say ELSA twice a week; the school named stays.' }, '2026-04-28T15:00:00.000Z');
    // Reg 44: amend within 5 weeks of 28 April 2026 = 2 June 2026; amended on 12 June 2026, 10 days late.
    await record(store, childId, 'TribunalOrderMade', {
      appealId, orderId: '0b1c2d3e-4f50-4a61-8b72-9c83d4e5f601', kind: 'amend_plan', consent: false, planId, sections: ['F'],
      wording: 'The local authority shall amend section F of the EHC plan so that ELSA sessions take place twice a week.',
    }, '2026-04-28T15:05:00.000Z');
    // A health recommendation (section G): answered within 5 weeks = by 2 June 2026; answered on 9 June 2026, 7 days late.
    await record(store, childId, 'TribunalRecommendationMade', {
      appealId, recommendationId: '1c2d3e4f-5061-4b72-8c83-9d94e5f60712', section: 'G', madeTo: 'NHS North Central London Integrated Care Board',
      wording: 'The ICB should review whether occupational therapy is needed, with a report by a registered occupational therapist.',
    }, '2026-04-28T15:10:00.000Z');
    await record(store, childId, 'RecommendationAnswered', {
      recommendationId: '1c2d3e4f-5061-4b72-8c83-9d94e5f60712', follows: true, reasons: 'An occupational therapy assessment is booked for July 2026.',
      answeredBy: { name: 'Dr Amara Nwosu', role: 'Designated Clinical Officer, NHS North Central London ICB' },
    }, '2026-06-09T11:00:00.000Z');
    entries = await store.readStream(`child-${childId}`);
    const compiledBeforeAmending = entries.filter((e) => e.metadata.occurredAt < '2026-06-05');
    await record(store, childId, 'PlanAmended', { planId, summary: 'Section F: ELSA twice a week, as the tribunal ordered.', reason: 'The tribunal order of 28 April 2026.' }, '2026-06-12T10:00:00.000Z');
    entries = await store.readStream(`child-${childId}`);
    input = { manifest: manifestFor(entries, '2026-07-01T10:00:00.000Z'), entries, treeHead: head, cosignatures: [] };
    const { pdf, layout } = await renderTribunalBundlePdf(input);
    const file = join(dir.path, 'appeal-bundle.pdf');
    writeFileSync(file, pdf);
    text = squeezed((await run('/usr/bin/pdftotext', [file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
    // The pages, to look at (pdftoppm -png -r 70).
    mkdirSync(OUT, { recursive: true });
    await run('/usr/bin/pdftoppm', ['-png', '-r', '70', file, join(OUT, 'page')]);
    // The bundle's own page limits hold with the new sections (the demo's OT report is rightly over 3 years old).
    expect(checkBundleLimits(layout, input).filter((f) => f.subject === 'the bundle')).toEqual([]);
    expect(checkBundleLimits(layout, input).map((f) => f.kind)).toEqual(['expert_report_age']);
    overdue = tribunalBundleContent({ manifest: manifestFor(compiledBeforeAmending, '2026-06-05T10:00:00.000Z'), entries: compiledBeforeAmending, treeHead: null, cosignatures: [] });
  }, 120_000);
  let overdue: ReturnType<typeof tribunalBundleContent>;

  it('sets out each appeal: its reference, what is appealed, mediation, the response, the directions, the hearing and the decision', () => {
    for (const fact of [
      'Tribunal reference EH202/25/00417',
      'What the EHC plan says, sections F and I',
      'Asked for on 29 September 2025',
      'Sent on 10 December 2025',
      'Listed for 21 April 2026 at Video hearing',
      'On 28 April 2026 the tribunal allowed the appeal in part',
      "The local authority's response",
      'The working document: The LA sends the working document (version 1)',
      '9 January 2026',
      '20 February 2026',
    ]) expect(text).toContain(fact);
  });

  it('gives each order and concession with how it was made, its time limits, and whether it was met on time or late', () => {
    // The first appeal, not opposed (reg 45): the decision to assess 12 days after the concession, within 2 weeks.
    expect(text).toContain('Carry out an EHC needs assessment, conceded on 17 May 2024');
    expect(text).toContain('Not opposed by the local authority before its response (SEND Regulations 2014, regulation 45)');
    expect(text).toMatch(/by 31 May 2024: met on 29 May 2024, on time/);
    // The order to amend section F: due 2 June 2026, met 12 June 2026.
    expect(text).toContain('Amend the EHC plan (section F), ordered on 28 April 2026');
    expect(text).toContain('Ordered by the tribunal after a hearing');
    expect(text).toMatch(/by 2 June 2026: met on 12 June 2026, late by 10 days/);
    expect(text).toContain('Complied with late, 10 days late');
    expect(text).toContain('None needed: on 17 May 2024 the local authority told the tribunal it would not oppose the appeal');
  });

  it('says plainly that the refusal set aside revived the assessment, its time limits still from the original request, so the plan was late', () => {
    expect(text).toContain('A refusal set aside on 17 May 2024');
    expect(text).toContain('The decision of 22 February 2024 not to carry out an EHC needs assessment was not opposed by the local authority on appeal on 17 May 2024');
    expect(text).toContain('The assessment revived: the request made on 15 January 2024 stands, and its time limits still run from that request');
    // 15 January 2024 + 20 weeks = 3 June 2024; the final plan on 20 September 2024 is 109 days after.
    expect(text).toMatch(/by 3 June 2024: met on 20 September 2024, late by 109 days/);
  });

  it('gives the recommendation and its answer, with the 5 weeks to answer', () => {
    expect(text).toContain('To NHS North Central London Integrated Care Board, about section G (health provision), made on 28 April 2026');
    expect(text).toContain('Answered on 9 June 2026 by Dr Amara Nwosu');
    expect(text).toMatch(/by 2 June 2026: met on 9 June 2026, late by 7 days/);
  });

  it('lists orders not complied with in time among the statutory deadlines missed, and only the law\'s', () => {
    const missedOf = (content: ReturnType<typeof tribunalBundleContent>) => {
      const f = content.sections.find((s) => s.id === 'F')!;
      const table = f.blocks.find((b) => b.kind === 'table')!;
      return table.kind === 'table' ? table.rows.map((row) => row.join(' | ')) : [];
    };
    // Compiled on 5 June 2026, before the plan was amended: the order is overdue, a failure of a duty in law.
    const overdueRows = missedOf(overdue);
    expect(overdueRows.some((row) => row.includes('2 June 2026') && /amend/i.test(row))).toBe(true);
    // Compiled on 1 July 2026: the order met late is listed as met late.
    const content = tribunalBundleContent(input);
    const lateRows = missedOf(content);
    expect(lateRows.some((row) => row.includes('2 June 2026') && row.includes('12 June 2026'))).toBe(true);
    expect(text).toContain('What the tribunal ordered, and what the local authority agreed not to oppose, are duties in law');
  });

  it('shows where the working document stands: the latest version and the changes in dispute, agreed, awaiting and withdrawn', () => {
    expect(text).toContain('The latest version of the working document in appeal EH202/25/00417 is version 2, sent by the parent or carer on 20 February 2026');
    expect(text).toMatch(/\d+ changes proposed: \d+ in dispute, \d+ agreed, \d+ awaiting an answer, 1 withdrawn/);
    expect(text).toContain('Withdrawn on 16 February 2026');
  });

  it('ties each plan line to its evidence and what it serves, and gives the golden thread\'s flags in words', () => {
    expect(text).toContain('The golden thread: the evidence each line rests on and what it is for');
    expect(text).toMatch(/report of 8 July 2024, page \d+/);
    expect(text).toContain('Tied to no need or outcome');
    expect(text).toMatch(/Flags on the golden thread \(\d+ flags?\)/);
  });

  it('draws a bundle exported before edition 2 exactly as edition 1 drew it, so it still verifies', async () => {
    const old = tribunalBundleContent({ manifest: manifestFor(before, '2026-03-01T10:00:00.000Z', RENDERER_EDITION_1), entries: before, treeHead: null, cosignatures: [] });
    const all = JSON.stringify(old);
    expect(all).not.toContain('What was ordered or conceded');
    expect(all).not.toContain('The golden thread');
    expect(all).not.toContain('A refusal set aside');
    expect(all).toContain('is not held in this record yet');
    const latest = JSON.stringify(tribunalBundleContent({ manifest: manifestFor(before, '2026-03-01T10:00:00.000Z'), entries: before, treeHead: null, cosignatures: [] }));
    expect(latest).toContain('What was ordered or conceded');
  });
});
