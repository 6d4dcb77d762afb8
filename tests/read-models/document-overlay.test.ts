import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentOverlay } from '../../src/read-models/document-overlay.js';
import { freezeParsed, frozenJson } from '../../src/read-models/frozen-json.js';

const deeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));

const jsonRoundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('documents as a batch holds them', () => {
  it('are what a JSON round trip gives, deeply frozen, for any value a projection could put', () => {
    const anything = fc.anything({
      withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true,
      withTypedArray: true, withBoxedValues: true, withObjectString: true, withBigInt: false,
      values: [fc.double(), fc.constant(-0), fc.constant(undefined), fc.string(), fc.boolean(), fc.constant(null)],
    });
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), anything), fc.array(anything)), (value) => {
        const copied = frozenJson(value);
        expect(copied).toStrictEqual(jsonRoundTrip(value));
        expect(deeplyFrozen(copied)).toBe(true);
      }),
      { numRuns: 300 },
    );
    const tricky = {
      a: undefined, b: [undefined, () => 1, Number.NaN, -0], c: new Date('2024-01-01T00:00:00Z'), d: { toJSON: () => 'as JSON' }, ['__proto__']: { own: true },
    };
    expect(frozenJson(tricky)).toStrictEqual(jsonRoundTrip(tricky));
  });

  it('share the parts a new value takes from a document, and copy everything else', () => {
    const history = frozenJson({ provisionId: 'p', events: [{ type: 'ProvisionPromised', data: { minutes: 30 } }] });
    const appended = frozenJson({ ...history, events: [...history.events, { type: 'ProvisionDelivered', data: { minutes: 30 } }] });
    expect(appended.events[0]).toBe(history.events[0]);

    // Frozen by someone else is not enough: its parts might not be, and might change under the document.
    const foreign = Object.freeze({ inner: { minutes: 30 } });
    const doc = frozenJson({ foreign });
    expect(doc.foreign).not.toBe(foreign);
    foreign.inner.minutes = 45;
    expect(doc.foreign.inner.minutes).toBe(30);

    const parsed = freezeParsed(JSON.parse('{"events":[{"n":1}]}') as { events: Array<{ n: number }> });
    expect(deeplyFrozen(parsed)).toBe(true);
    expect(frozenJson({ events: parsed.events }).events).toBe(parsed.events);
  });
});

describe('the document overlay of one batch', () => {
  const stored = { child: { value: JSON.parse('{"childId":"c1","moves":[{"to":"202"}]}') as unknown, tags: ['la:202'] } };
  const open = () => {
    const loads: string[] = [];
    const overlay = documentOverlay((collection, key) => {
      loads.push(`${collection}/${key}`);
      return collection === 'child' && key === 'c1' ? stored.child : { value: undefined, tags: [] };
    });
    return { ...overlay, loads };
  };

  it('lets no projection change a document without putting it', () => {
    const { writer, pending } = open();
    const child = writer.get<{ childId: string; moves: Array<{ to: string }> }>('child', 'c1')!;
    expect(() => child.moves.push({ to: '203' })).toThrow(TypeError);
    expect(() => {
      (child as { childId: string }).childId = 'c2';
    }).toThrow(TypeError);

    const put = { childId: 'c1', moves: [...child.moves, { to: '203' }] };
    writer.put('child', 'c1', put, ['la:203', 'la:203']);
    put.moves.push({ to: '999' });
    expect(writer.get('child', 'c1')).toEqual({ childId: 'c1', moves: [{ to: '202' }, { to: '203' }] });
    expect(pending()).toEqual([
      { collection: 'child', key: 'c1', value: { childId: 'c1', moves: [{ to: '202' }, { to: '203' }] }, tags: ['la:203'], stored: stored.child },
    ]);
  });

  it('reads each stored document once, and says what was stored only for documents it read', () => {
    const { writer, pending, touched, loads } = open();
    writer.get('child', 'c1');
    writer.get('child', 'c1');
    expect(writer.get('child', 'nobody')).toBeUndefined();
    writer.put('child', 'nobody', { childId: 'nobody' });
    writer.put('entry', 'e1', { provisionId: 'p' });
    writer.delete('child', 'c1');
    expect(loads).toEqual(['child/c1', 'child/nobody']);
    expect(pending().map((doc) => [doc.key, doc.value, doc.stored])).toEqual([
      ['nobody', { childId: 'nobody' }, { value: undefined, tags: [] }],
      ['e1', { provisionId: 'p' }, undefined],
      ['c1', undefined, stored.child],
    ]);
    expect([...touched().entries()]).toEqual([
      ['child\u0000c1', { value: undefined, tags: [] }],
      ['child\u0000nobody', { value: { childId: 'nobody' }, tags: [] }],
      ['entry\u0000e1', { value: { provisionId: 'p' }, tags: [] }],
    ]);
  });
});
