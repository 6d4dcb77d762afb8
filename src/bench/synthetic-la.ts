import type { JsonObject } from '../ledger/envelope.js';
import type { EventStore } from '../store/port.js';
import { Agenda } from './la/agenda.js';
import { requestAssessment } from './la/assessment.js';
import { DAY_MS, dateOfBirthFor, dayOf, termAt, utc, workingTime } from './la/calendar.js';
import { laCast, type Setting, type SettingKind } from './la/cast.js';
import { SimChild, emptyStats, type ChildFlags, type LaStats, type World } from './la/child.js';
import { LocalOfferJournal, type PlannedAppend } from './la/journal.js';
import {
  ACADEMIC_YEARS, CYCLES_PER_YEAR, END_OF_DECADE, FIRST_ACADEMIC_YEAR, INITIAL_PLANS, INITIAL_SEN_SUPPORT, INITIAL_STATEMENT_SHARE,
  REQUEST_GROWTH, REQUESTS_FROM_SEN_SUPPORT,
} from './la/model.js';
import { register, scheduleCycle } from './la/sen-support.js';
import { importPlan, importStatement, yearStart } from './la/year.js';
import { seededRandom, type Random } from './random.js';

/**
 * A synthetic local authority over ten academic years (September 2016 to August 2026): children on SEN
 * support, requests for EHC needs assessments, plans with their provision, deliveries, reviews, phase
 * transfers, moves, cessations and appeals, and the LA's Local Offer, in the proportions of
 * la/model.ts (from ../shared/domain/SEND-DOMAIN.md). Scale 1 is one average LA (about 2 million entries).
 *
 * Every entry is judged as the API would judge it (schema, write permission, decider) against the child's
 * record so far, held in memory: the generator runs the real decide and evolve rather than writing envelopes
 * by hand, and refuses to continue if the domain refuses an entry. The same seed gives the same LA.
 */
export interface SyntheticLaOptions {
  /** 1 = one average LA; 0.01 = a hundredth of its children (at least one of each kind of setting). */
  scale: number;
  seed?: number;
  /** Academic years to simulate from September 2016 (at most 10). */
  years?: number;
  /** Include the two fixed-size children the API benchmark reads (default true). */
  showcase?: boolean;
}

/** The fixed children: identical (ids, entries, times) at every scale, so a query about them can be compared across sizes. */
export const SHOWCASE = { small: 25, large: 500 } as const;

export interface SyntheticLaManifest {
  version: 1;
  seed: number;
  scale: number;
  years: number;
  from: string;
  to: string;
  laCode: string;
  appends: number;
  childStreams: number;
  stats: LaStats;
  /** On 1 September of each year: children on SEN support and plans maintained. */
  population: Array<{ academicYear: number; senSupport: number; plans: number }>;
  showcase: { small?: { childId: string; entries: number }; large?: { childId: string; entries: number } };
  /** Children with a plan still maintained at the end and one of its lines open: targets for delivery mutations. */
  activeProvision: Array<{ childId: string; provisionId: string; settingUrn: string }>;
  /** The setting the showcase children start at, and how many provision lines its SENCo promised. */
  showcaseSetting: { urn: string; name: string; promisedLines: number };
}

export const MANIFEST_FILE = 'synthetic-la.json';
/** Measured: entries per unit of scale for the full ten years (for progress estimates only). */
export const ENTRIES_PER_SCALE = 2_320_000;

/** Stochastic rounding: 2.3 is 2 seven times in ten and 3 three times in ten, so small scales keep their rates. */
const roundRandomly = (x: number, random: Random) => Math.floor(x) + (random.next() < x - Math.floor(x) ? 1 : 0);

const SEN_SUPPORT_YEARS: Record<number, number> = { 0: 6, 1: 8, 2: 9, 3: 10, 4: 10, 5: 10, 6: 10, 7: 9, 8: 8, 9: 7, 10: 7, 11: 6 };
const REQUEST_YEARS: Record<number, number> = { [-1]: 8, 0: 7, 1: 7, 2: 6, 3: 8, 4: 8, 5: 9, 6: 10, 7: 9, 8: 8, 9: 7, 10: 5, 11: 3, 12: 3 };
const PLAN_YEARS: Record<number, number> = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [i - 1, i <= 12 ? 7 : 3]));

const kindFor = (nc: number): SettingKind => (nc < 0 ? 'earlyYears' : nc <= 6 ? 'primary' : nc <= 11 ? 'secondary' : 'college');

/**
 * The simulation, as a generator of appends in the order they are recorded. Its return value (when done)
 * is the manifest. Nothing is appended here: `loadSyntheticLa` (or any consumer) does that.
 */
export function* syntheticLa(options: SyntheticLaOptions): Generator<PlannedAppend, SyntheticLaManifest> {
  const seed = options.seed ?? 42;
  const years = Math.min(ACADEMIC_YEARS, options.years ?? ACADEMIC_YEARS);
  const scale = options.scale;
  if (!(scale > 0)) throw new Error('scale must be above 0');
  const root = seededRandom(seed);
  const population = root.fork('population');
  const cast = laCast(scale);
  const start = utc(FIRST_ACADEMIC_YEAR, 9, 1);
  const end = utc(FIRST_ACADEMIC_YEAR + years, 9, 1);
  const stats = emptyStats();
  const agenda = new Agenda();
  const out: PlannedAppend[] = [];
  const emit = (append: PlannedAppend) => out.push(append);
  let now = start;
  let requestChance = 0.03;
  let serial = 0;
  const live = new Set<SimChild>();
  const childStreams = new Set<string>();
  const linesBySetting = new Map<string, number>();
  const showcaseChildren: Partial<Record<'small' | 'large', SimChild>> = {};

  const localOffer = new LocalOfferJournal(cast.laCode, root.fork('local-offer'), emit);
  const serviceIds = new Map<string, string>();

  const world: World = {
    get now() {
      return now;
    },
    end,
    cast,
    stats,
    schedule(at, action) {
      if (at < end) agenda.push(Math.max(at, now), action);
    },
    requestChance: () => requestChance,
    localOfferServiceId: (key) => serviceIds.get(key),
    settingFor: (kind: SettingKind, random: Random): Setting => random.pick(cast.settings[kind]),
  };

  const newChild = (label: string, random: Random, nc: number, year: number, kind: SettingKind, flags: ChildFlags = {}) => {
    const setting = flags.fixedSettings ? cast.settings[kind][0]! : random.pick(cast.settings[kind]);
    const caseworker = flags.fixedSettings ? cast.caseworkers[0]! : random.pick(cast.caseworkers);
    const child = new SimChild(label, random, world, dateOfBirthFor(nc, year, random), setting, caseworker, emit, flags);
    live.add(child);
    childStreams.add(child.journal.streamId);
    return child;
  };
  const childRandom = () => root.fork(`child-${serial++}`);

  /** A pupil the setting starts SEN support for (CoP 6.44): registered by its SENCo. */
  const senSupportChild = (at: number, year: number) =>
    world.schedule(at, () => {
      const random = childRandom();
      const nc = Number(random.weighted(SEN_SUPPORT_YEARS as Record<string, number>));
      const child = newChild(`Child ${serial}`, random, nc, year, kindFor(nc));
      register(child, child.setting.senco);
      scheduleCycle(child, termAt(now));
    });

  /** A child new to the record whose family asks the LA to assess: the LA registers the child. */
  const directRequest = (at: number, year: number) =>
    world.schedule(at, () => {
      const random = childRandom();
      const nc = Number(random.weighted(REQUEST_YEARS as Record<string, number>));
      const child = newChild(`Child ${serial}`, random, nc, year, kindFor(nc));
      register(child, child.caseworker);
      requestAssessment(child, 'parent_carer', child.parent, workingTime(now + random.int(1, 14) * DAY_MS, random));
    });

  const importedPlan = (at: number, statement: boolean) =>
    world.schedule(at, () => {
      const random = childRandom();
      const nc = Number(random.weighted(PLAN_YEARS as Record<string, number>));
      const age = statement ? Math.max(nc, 2) : nc;
      const kind = random.chance(0.4) && age >= 0 && age <= 13 ? 'special' : kindFor(age);
      const child = newChild(`Child ${serial}`, random, age, FIRST_ACADEMIC_YEAR, kind);
      if (statement) importStatement(child);
      else importPlan(child);
    });

  // --- The Local Offer (CFA 2014 s.30): the services the LA says are available, comments, responses ----
  const laOfficer = cast.caseworkers[0]!;
  const offerRandom = root.fork('local-offer-content');
  world.schedule(workingTime(start + 5 * DAY_MS, offerRandom), () => {
    for (const service of cast.services) {
      const serviceId = offerRandom.uuid();
      serviceIds.set(service.key, serviceId);
      localOffer.record('LocalOfferServiceListed', {
        serviceId, name: service.organisation, provider: service.organisation, description: `${service.role}s for children and young people with SEND`,
        eligibility: 'Children and young people living in the LA, by referral', ageRange: { from: 0, to: 25 },
        areasOfNeed: ['communication_and_interaction'], category: service.involvement === 'health' ? 'health' : service.involvement === 'social_care' ? 'social_care' : 'education',
      }, laOfficer, now);
    }
  });
  const localOfferYear = (year: number) => {
    const comments = roundRandomly(Math.max(2, 40 * scale), population);
    for (let i = 0; i < comments; i++) {
      world.schedule(workingTime(utc(year, 9, 15) + population.int(0, 280) * DAY_MS, population), () => {
        const about = offerRandom.pick([...serviceIds.values()]);
        localOffer.record('LocalOfferCommentReceived', {
          commentId: offerRandom.uuid(), about, topic: offerRandom.weighted({ quality: 4, gaps: 3, content: 2, accessibility: 1, development: 1 }),
          summary: offerRandom.pick(['The wait for a first appointment was much longer than the Local Offer says.', 'The page does not say who is eligible.', 'Sessions listed here are not offered in our area.']),
          channel: offerRandom.weighted({ online_form: 3, parent_carer_forum: 2, email: 2, meeting_or_event: 1 }),
        }, laOfficer, now);
      });
    }
    for (const serviceId of serviceIds.values()) {
      if (!population.chance(0.5)) continue;
      world.schedule(workingTime(utc(year + 1, 2, 1) + population.int(0, 60) * DAY_MS, population), () => {
        localOffer.record('LocalOfferServiceChecked', {
          checkId: offerRandom.uuid(), serviceId, checkedBy: { name: laOfficer.displayName, role: 'SEN caseworker' },
          finding: offerRandom.weighted({ available_as_described: 6, available_with_changes: 3, not_available: 1 }), notes: 'Caseload and waiting times checked with the service manager.',
        }, laOfficer, now);
      });
    }
    // Regs 56: comments and the LA's response published at least annually.
    world.schedule(workingTime(utc(year + 1, 7, 10), population), () => {
      const open = Object.values(localOffer.state.comments).filter((c) => !c.answered).map((c) => c.commentId);
      if (open.length === 0) return;
      localOffer.record('LocalOfferResponsePublished', {
        responseId: offerRandom.uuid(), commentIds: open.slice(0, 1000),
        response: 'You said waits were too long and some pages unclear; we have published waiting times and rewritten the eligibility sections.',
      }, laOfficer, now);
    });
  };

  // --- September 2016: the plans, statements and SEN support the LA already has ----------------------
  for (let i = roundRandomly(INITIAL_SEN_SUPPORT * scale, population); i > 0; i--) senSupportChild(workingTime(start + population.int(4, 60) * DAY_MS, population), FIRST_ACADEMIC_YEAR);
  for (let i = roundRandomly(INITIAL_PLANS * INITIAL_STATEMENT_SHARE * scale, population); i > 0; i--) importedPlan(workingTime(start + population.int(4, 100) * DAY_MS, population), true);
  for (let i = roundRandomly(INITIAL_PLANS * (1 - INITIAL_STATEMENT_SHARE) * scale, population); i > 0; i--) importedPlan(workingTime(start + population.int(4, 100) * DAY_MS, population), false);

  // --- The showcase children: the same at every scale ------------------------------------------------------
  if (options.showcase !== false) {
    const small = root.fork('showcase-small');
    world.schedule(utc(2025, 1, 7) + 10 * 3_600_000, () => {
      const child = newChild('Showcase child S', small, 3, 2024, 'primary', { cap: SHOWCASE.small, noRequest: true, alwaysNewCycle: true, fixedSettings: true, noMoves: true });
      showcaseChildren.small = child;
      register(child, child.setting.senco);
      scheduleCycle(child, termAt(now));
    });
    const large = root.fork('showcase-large');
    world.schedule(utc(FIRST_ACADEMIC_YEAR, 9, 12) + 10 * 3_600_000, () => {
      const child = newChild('Showcase child L', large, 1, FIRST_ACADEMIC_YEAR, 'primary', {
        cap: SHOWCASE.large, forcePlan: true, noAppeals: true, noMoves: true, noCease: true, weeklyLogs: true, fixedSettings: true, noRequest: true, alwaysNewCycle: true,
      });
      showcaseChildren.large = child;
      register(child, child.setting.senco);
      requestAssessment(child, 'parent_carer', child.parent, utc(FIRST_ACADEMIC_YEAR, 10, 3) + 11 * 3_600_000);
    });
  }

  // --- Each September: the year's arrivals, the year's request rate, and each child's year ---------------
  const populationRecord: SyntheticLaManifest['population'] = [];
  for (let y = 0; y < years; y++) {
    const year = FIRST_ACADEMIC_YEAR + y;
    world.schedule(utc(year, 9, 1), () => {
      const senSupport = [...live].filter((c) => c.track === 'sen_support').length;
      const plans = [...live].filter((c) => c.track === 'plan').length;
      populationRecord.push({ academicYear: year, senSupport, plans });
      const requests = END_OF_DECADE.requests * REQUEST_GROWTH[y]! * scale;
      // Set again each term from the pupils then on SEN support, so a review ends in a request at the year's rate.
      for (const term of [utc(year, 9, 2), utc(year + 1, 1, 2), utc(year + 1, 4, 15)]) {
        world.schedule(term, () => {
          const onSupport = [...live].filter((c) => c.track === 'sen_support').length;
          requestChance = Math.min(0.2, (REQUESTS_FROM_SEN_SUPPORT * requests) / (CYCLES_PER_YEAR * Math.max(1, onSupport, INITIAL_SEN_SUPPORT * scale * 0.5)));
        });
      }
      // SEN support grows from its 2016 level to the end-of-decade figure; about 40% of pupils leave it each year.
      const target = (INITIAL_SEN_SUPPORT + ((END_OF_DECADE.senSupport - INITIAL_SEN_SUPPORT) * (y + 1)) / years) * scale;
      const arrivals = y === 0 ? 0.35 * target : Math.max(0, target - senSupport * 0.6);
      for (let i = roundRandomly(arrivals, population); i > 0; i--) {
        const term = population.weighted({ autumn: 45, spring: 35, summer: 20 });
        const from = term === 'autumn' ? utc(year, 9, 8) : term === 'spring' ? utc(year + 1, 1, 8) : utc(year + 1, 4, 22);
        senSupportChild(workingTime(from + population.int(0, 60) * DAY_MS, population), year);
      }
      for (let i = roundRandomly((1 - REQUESTS_FROM_SEN_SUPPORT) * requests, population); i > 0; i--) {
        directRequest(workingTime(utc(year, 9, 5) + population.int(0, 330) * DAY_MS, population), year);
      }
      localOfferYear(year);
      for (const child of [...live]) {
        if (!child.alive) {
          if (child.track === 'gone') live.delete(child);
          continue;
        }
        world.schedule(workingTime(utc(year, 9, 1) + child.random.int(0, 10) * DAY_MS, child.random), () => yearStart(child, year));
      }
    });
  }

  let appends = 0;
  while (agenda.size > 0) {
    const { at, action } = agenda.pop();
    now = at;
    action();
    for (const append of out) {
      appends++;
      if (append.events[0]!.type === 'ProvisionPromised' && append.events[0]!.data['section'] === 'SEN_SUPPORT') {
        const urn = append.events[0]!.metadata.actor.organisation;
        linesBySetting.set(urn, (linesBySetting.get(urn) ?? 0) + 1);
      }
      yield append;
    }
    out.length = 0;
  }

  const activeProvision: SyntheticLaManifest['activeProvision'] = [];
  for (const child of live) {
    if (child.track !== 'plan' || !child.plan || activeProvision.length >= 256 || child.flags.cap !== undefined) continue;
    const line = child.plan.lines.map((id) => child.journal.state.provisions[id]).find((l) => l && l.status === 'active' && l.endDate === undefined);
    const plan = child.journal.state.plans[child.plan.planId];
    if (line && plan?.status === 'final') activeProvision.push({ childId: child.childId, provisionId: line.provisionId, settingUrn: child.setting.urn });
  }
  const showcaseSetting = cast.settings.primary[0]!;
  return {
    version: 1,
    seed,
    scale,
    years,
    from: dayOf(start),
    to: dayOf(end - DAY_MS),
    laCode: cast.laCode,
    appends,
    childStreams: childStreams.size,
    stats,
    population: populationRecord,
    showcase: Object.fromEntries(
      Object.entries(showcaseChildren).map(([key, child]) => [key, { childId: child.childId, entries: child.journal.entries }]),
    ) as SyntheticLaManifest['showcase'],
    activeProvision,
    showcaseSetting: { urn: showcaseSetting.urn, name: showcaseSetting.name, promisedLines: linesBySetting.get(showcaseSetting.urn) ?? 0 },
  };
}

export interface LoadProgress {
  appended: number;
  estimated: number;
  /** The simulated date reached. */
  on: string;
  perSecond: number;
}

/** The store's recording clock, set before each append: this seeding tool stamps the simulated recorded time. */
export interface SettableClock {
  now: () => Date;
  set(at: string): void;
}

/**
 * Append the synthetic LA to `store`, which must have been opened with `clock.now` (the demo loader's
 * pattern: the store stamps each entry with the simulated time it was recorded). Handover entries get
 * their cut and pack hashes from the stream as stored, as `issueHandover` computes them.
 */
export async function loadSyntheticLa(
  store: EventStore,
  clock: SettableClock,
  options: SyntheticLaOptions,
  onProgress: (progress: LoadProgress) => void = () => {},
): Promise<{ manifest: SyntheticLaManifest; seconds: number }> {
  const generator = syntheticLa(options);
  const estimated = Math.round(ENTRIES_PER_SCALE * options.scale * ((options.years ?? ACADEMIC_YEARS) / ACADEMIC_YEARS));
  const started = performance.now();
  let appended = 0;
  let lastReport = 0;
  for (;;) {
    const next = generator.next();
    if (next.done) {
      const seconds = (performance.now() - started) / 1000;
      onProgress({ appended, estimated: appended, on: next.value.to, perSecond: appended / seconds });
      return { manifest: next.value, seconds };
    }
    const append = next.value;
    clock.set(append.recordedAt);
    let events = append.events;
    if (append.resolve) {
      const patch: JsonObject = append.resolve(await store.readStream(append.streamId));
      events = events.map((event) => ({ ...event, data: { ...event.data, ...patch } }));
    }
    await store.append(append.streamId, events, append.expected);
    appended++;
    if (appended - lastReport >= 2000) {
      lastReport = appended;
      const seconds = (performance.now() - started) / 1000;
      onProgress({ appended, estimated: Math.max(estimated, appended), on: append.recordedAt.slice(0, 10), perSecond: appended / seconds });
    }
  }
}
