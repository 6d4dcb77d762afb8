import { beforeAll, describe, expect, it } from 'vitest';
import { localOfferAccountability, type LocalOfferAccountability } from '../../projections/local-offer-accountability.js';
import { RuleViolation } from '../../src/domain/errors.js';
import type { DocumentReader } from '../../src/read-models/read-model-store.js';
import { scenario, type PlannedChild } from './ledger-scenario.js';

const service = {
  salt: 'a0000000-0000-4000-8000-0000000000a1',
  portage: 'a0000000-0000-4000-8000-0000000000a2',
  travel: 'a0000000-0000-4000-8000-0000000000a3',
  respite: 'a0000000-0000-4000-8000-0000000000a4',
  later: 'a0000000-0000-4000-8000-0000000000a5',
  unlisted: 'a0000000-0000-4000-8000-0000000000a6',
};
const TODAY = '2025-09-01';
const shown = (value: number) => ({ value, suppressed: false });
const SUPPRESSED = { value: null, suppressed: true };
const FROM = '2024-09-01';
const TO = '2025-08-31';

/**
 * Camden's Local Offer, September 2024 to August 2025 (see the assertions for what each line shows):
 *   SALT: promised to child A, last delivered before the period, a shortfall in it; last checked March 2024.
 *   Portage: promised to child B, delivered twice in the period; checked May 2025.
 *   Travel training: listed October 2024, never checked, promised to nobody.
 *   Respite: withdrawn June 2024.  "Later": listed after the period.
 *   Comments: one from May 2024 never answered; one from October 2024 answered in January 2025;
 *   one from 2023 answered before the period.
 */
async function camden() {
  const s = scenario(TODAY);
  await s.list(service.salt, 'Speech and language therapy', '2023-06-01');
  await s.list(service.portage, 'Portage home visiting', '2023-06-01');
  await s.list(service.respite, 'Short breaks respite', '2023-06-01');
  await s.check(service.salt, '2024-03-01');
  await s.withdraw(service.respite, '2024-06-01');
  await s.list(service.travel, 'Independent travel training', '2024-10-01');
  await s.check(service.portage, '2025-05-01', 'available_with_changes');
  await s.list(service.later, 'Youth club', '2025-09-01');

  const childA = await s.childWithPlan();
  const childB = await s.childWithPlan();
  const childElsewhere = await s.childWithPlan('302');
  const salt = await s.promise(childA, service.salt, '2023-06-05');
  await s.deliver(childA.childId, salt, '2024-06-10');
  await s.shortfall(childA.childId, salt, '2025-01-06', '2025-03-28');
  const portage = await s.promise(childB, service.portage, '2023-06-05');
  await s.deliver(childB.childId, portage, '2024-10-07');
  await s.deliver(childB.childId, portage, '2025-02-03');
  await s.promise(childB, service.salt, '2025-10-01'); // starts after the period: not in force in it
  await s.promise(childB, service.unlisted, '2024-01-08'); // names a service this Local Offer never listed
  await s.promise(childElsewhere, service.portage, '2024-01-08'); // another LA's child naming Camden's service id

  const oldAnswered = await s.comment('2023-10-02');
  await s.respond('2024-02-01', oldAnswered);
  const unanswered = await s.comment('2024-05-01', service.salt);
  const answered = await s.comment('2024-10-01', service.portage);
  const response = await s.respond('2025-01-15', answered);
  return { s, children: { childA, childB, childElsewhere }, promises: { salt, portage }, comments: { oldAnswered, unanswered, answered }, response };
}

describe('Local Offer accountability report', () => {
  let world: Awaited<ReturnType<typeof camden>>;
  let readers: { localOffer: DocumentReader; promises: DocumentReader };
  let report: LocalOfferAccountability;
  const byId = (id: string) => report.services.find((s) => s.serviceId === id);

  beforeAll(async () => {
    world = await camden();
    readers = await world.s.project();
    // As a reader who relates to every child: each line shown, every figure true.
    const { childA, childB, childElsewhere } = world.children;
    report = await localOfferAccountability(readers.localOffer, readers.promises, '202', FROM, TO, TODAY, { shownChildren: new Set([childA, childB, childElsewhere].map((c) => c.childId)) });
  });

  describe('services', () => {
    it('a service promised in plans but with no delivery in the period is promised-but-never-evidenced', () => {
      expect(report.promisedButNeverEvidenced).toEqual([{ serviceId: service.salt, name: 'Speech and language therapy', promises: shown(1), shortfallsReported: shown(1) }]);
      expect(byId(service.salt)).toMatchObject({
        promises: [{ provisionId: world.promises.salt, childId: world.children.childA.childId, section: 'F', deliveries: { count: 0 }, shortfalls: { count: 1, sessionsMissed: 4 } }],
        figures: { deliveries: shown(0), sessionsDelivered: shown(0), minutesDelivered: shown(0), shortfalls: shown(1), sessionsMissed: shown(4) },
      });
    });

    it('a delivered service shows its deliveries in the period and its last check', () => {
      expect(byId(service.portage)).toMatchObject({
        listedDuringPeriod: true,
        listedOn: '2023-06-01',
        withdrawnOn: null,
        figures: { deliveries: shown(2), sessionsDelivered: shown(2), minutesDelivered: shown(90) },
        lastCheck: { on: '2025-05-01', finding: 'available_with_changes', checkedBy: { name: 'Casey Caseworker', role: 'Local Offer officer' } },
      });
    });

    it('a listed service never checked is listed as unchecked; one checked too long ago too', () => {
      expect(report.unchecked).toEqual([
        { serviceId: service.travel, name: 'Independent travel training', reason: 'never_checked', lastCheckedOn: null },
        { serviceId: service.salt, name: 'Speech and language therapy', reason: 'not_checked_within_12_months', lastCheckedOn: '2024-03-01' },
      ]);
    });

    it('a service withdrawn before the period is shown as such and not asked to be checked', () => {
      expect(byId(service.respite)).toMatchObject({ listedDuringPeriod: false, withdrawnOn: '2024-06-01', promises: [] });
    });

    it('leaves out services listed after the period and promises not yet started', () => {
      expect(byId(service.later)).toBeUndefined();
      expect(byId(service.salt)!.promises).toHaveLength(1);
    });

    it('by default counts a promise by the service id alone, whichever LA the child belongs to', () => {
      expect(byId(service.portage)!.promises.map((p) => p.childId).sort()).toEqual([world.children.childB.childId, world.children.childElsewhere.childId].sort());
      expect(byId(service.unlisted)).toBeUndefined();
    });

    it('given the children\'s LAs, counts only this LA\'s children and reports services they were promised that were never listed', async () => {
      const { childA, childB, childElsewhere } = world.children;
      const childLaCodes = new Map<string, string>([childA, childB, childElsewhere].map((c: PlannedChild) => [c.childId, c.laCode]));
      const scoped = await localOfferAccountability(readers.localOffer, readers.promises, '202', FROM, TO, TODAY, { childLaCodes, shownChildren: new Set(childLaCodes.keys()) });
      expect(scoped.services.find((s) => s.serviceId === service.portage)!.promises.map((p) => p.childId)).toEqual([childB.childId]);
      expect(scoped.services.find((s) => s.serviceId === service.unlisted)).toMatchObject({ name: null, listedDuringPeriod: false, listedOn: null });
      expect(scoped.promisedButNeverEvidenced.map((s) => s.serviceId).sort()).toEqual([service.salt, service.unlisted].sort());
    });
  });

  describe('children the reader does not relate to', () => {
    it('shows no child\'s lines by default, and suppresses every figure drawn from fewer than five children', async () => {
      const figuresOnly = await localOfferAccountability(readers.localOffer, readers.promises, '202', FROM, TO, TODAY);
      expect(figuresOnly.services.flatMap((s) => s.promises)).toEqual([]);
      expect(figuresOnly.services.find((s) => s.serviceId === service.portage)!.figures).toEqual({
        children: SUPPRESSED, linesPromised: SUPPRESSED, deliveries: SUPPRESSED, sessionsDelivered: SUPPRESSED, minutesDelivered: SUPPRESSED, shortfalls: shown(0), sessionsMissed: shown(0),
      });
      expect(figuresOnly.promisedButNeverEvidenced).toEqual([{ serviceId: service.salt, name: 'Speech and language therapy', promises: SUPPRESSED, shortfallsReported: SUPPRESSED }]);
      // Everything else (listings, checks, comments, reg 56) is the LA's, not a child's: the same for every reader.
      const { services: _a, promisedButNeverEvidenced: _b, ...rest } = figuresOnly;
      const { services: _c, promisedButNeverEvidenced: _d, ...restShown } = report;
      expect(rest).toEqual(restShown);
    });

    it('a total the reader partly sees is suppressed when the part they do not see is small, else given in full', async () => {
      const { childB, childElsewhere } = world.children;
      const onlyB = await localOfferAccountability(readers.localOffer, readers.promises, '202', FROM, TO, TODAY, { shownChildren: new Set([childB.childId]) });
      const portage = onlyB.services.find((s) => s.serviceId === service.portage)!;
      expect(portage.promises.map((p) => p.childId)).toEqual([childB.childId]);
      // Two lines in all, one of them not shown: giving 2 would tell the reader the other child's line by subtraction.
      expect(portage.figures).toMatchObject({ linesPromised: SUPPRESSED, children: SUPPRESSED, deliveries: shown(2) });
      expect(portage.promises.some((p) => p.childId === childElsewhere.childId)).toBe(false);
    });
  });

  describe('comments and reg 56', () => {
    it('a comment answered within the period shows its days to respond', () => {
      expect(report.comments.find((c) => c.commentId === world.comments.answered)).toEqual({
        commentId: world.comments.answered, receivedOn: '2024-10-01', topic: 'gaps', about: service.portage, channel: 'direct',
        status: 'answered', responseId: world.response, respondedOn: '2025-01-15', daysToRespond: 106, daysWaiting: null,
      });
    });

    it('an unanswered comment older than a year is reported, with the days it has waited, and reg 56 is not met', () => {
      expect(report.comments.find((c) => c.commentId === world.comments.unanswered)).toMatchObject({ status: 'awaiting', receivedOn: '2024-05-01', daysWaiting: 488, daysToRespond: null });
      expect(report.reg56.answeredWithinAYear).toMatchObject({ met: false, unansweredCommentIds: [world.comments.unanswered] });
      expect(report.reg56.met).toBe(false);
    });

    it('leaves out comments answered before the period began', () => {
      expect(report.comments.map((c) => c.commentId)).not.toContain(world.comments.oldAnswered);
      expect(report.comments).toHaveLength(2);
    });

    it('judges each full year of the period: comments were waiting and a response was published', () => {
      expect(report.reg56.publishedEachYear.years).toEqual([{ from: FROM, to: TO, commentsWaiting: 2, responsesPublished: 1, met: true }]);
      expect(report.reg56.publishedEachYear.rule).toMatch(/Regs 56/);
    });
  });
});

describe('reg 56 duty judged over a period', () => {
  it('is met when every comment over a year old was answered and each year with comments had a publication', async () => {
    const s = scenario(TODAY);
    const first = await s.comment('2023-10-02');
    await s.respond('2024-02-01', first);
    const second = await s.comment('2024-11-04');
    await s.respond('2025-03-03', second);
    const { localOffer, promises } = await s.project();
    const report = await localOfferAccountability(localOffer, promises, '202', '2023-09-01', TO, TODAY);
    expect(report.reg56.met).toBe(true);
    expect(report.reg56.publishedEachYear.years.map((y) => [y.from, y.to, y.met])).toEqual([['2023-09-01', '2024-08-31', true], ['2024-09-01', '2025-08-31', true]]);
  });

  it('is not met when a year with comments waiting passed without any publication, though no comment is yet a year old', async () => {
    const s = scenario(TODAY);
    const first = await s.comment('2023-10-02');
    await s.respond('2024-02-01', first);
    await s.comment('2025-03-03');
    const { localOffer, promises } = await s.project();
    const report = await localOfferAccountability(localOffer, promises, '202', '2023-09-01', TO, TODAY);
    expect(report.reg56.answeredWithinAYear.met).toBe(true);
    expect(report.reg56.publishedEachYear.years.map((y) => y.met)).toEqual([true, false]);
    expect(report.reg56.met).toBe(false);
  });

  it('judges only full years: a shorter period is judged by the one-year rule alone', async () => {
    const s = scenario(TODAY);
    await s.comment('2025-03-03');
    const { localOffer, promises } = await s.project();
    const report = await localOfferAccountability(localOffer, promises, '202', '2025-01-01', TO, TODAY);
    expect(report.reg56).toMatchObject({ met: true, publishedEachYear: { years: [] } });
    expect(report.comments[0]).toMatchObject({ status: 'awaiting', daysWaiting: 182 });
  });

  it('refuses a period that ends before it starts', async () => {
    const s = scenario(TODAY);
    const { localOffer, promises } = await s.project();
    await expect(localOfferAccountability(localOffer, promises, '202', TO, FROM, TODAY)).rejects.toBeInstanceOf(RuleViolation);
  });
});
