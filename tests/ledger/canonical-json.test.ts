import { describe, expect, it } from 'vitest';
import { NotCanonicalisable, canonicalJson } from '../../src/ledger/canonical-json.js';

/** Runs `fn`, expects a NotCanonicalisable, and returns its message. */
function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NotCanonicalisable);
    expect((error as Error).name).toBe('NotCanonicalisable');
    return (error as Error).message;
  }
  throw new Error('expected NotCanonicalisable, but the value was canonicalised');
}

describe('canonicalJson (RFC 8785)', () => {
  it('canonicalises the RFC 8785 section 3.2.2 example', () => {
    const input = String.raw`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;

    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('produces the RFC 8785 section 3.2.4 UTF-8 bytes for the section 3.2.2 example', () => {
    const input = String.raw`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`;
    const rfcBytes =
      '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 ' +
      '75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a ' +
      '5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 ' +
      '65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 ' +
      '5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 ' +
      '30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d';

    expect(Buffer.from(canonicalJson(JSON.parse(input)), 'utf8').toString('hex')).toBe(rfcBytes.replaceAll(' ', ''));
  });

  it('sorts keys by UTF-16 code units as in RFC 8785 section 3.2.3', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;

    const output = canonicalJson(JSON.parse(input));

    // Object.keys would list the integer-like key "1" first, so read the member order from the text itself.
    const valuesInOrder = [...output.matchAll(/:"([^"]*)"/g)].map((match) => match[1]);
    expect(valuesInOrder).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(output).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts nested object keys and keeps array order', () => {
    expect(canonicalJson({ b: [3, 1, 2], a: { z: true, y: null, x: 'x' } })).toBe(
      '{"a":{"x":"x","y":null,"z":true},"b":[3,1,2]}',
    );
  });

  it('gives the same bytes whatever order the keys were inserted in', () => {
    const one = { childId: 'c-1', need: { area: 'communication', rank: 'primary' }, outcomes: ['speak', 'read'] };
    const two = { outcomes: ['speak', 'read'], need: { rank: 'primary', area: 'communication' }, childId: 'c-1' };

    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('serialises numbers as ECMAScript shortest round-trip (RFC 8785 appendix B vectors)', () => {
    const vectors: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [ieee, expected] of vectors) {
      const value = Buffer.from(ieee, 'hex').readDoubleBE(0);
      expect(canonicalJson(value), ieee).toBe(expected);
      expect(canonicalJson({ n: [value] }), ieee).toBe(`{"n":[${expected}]}`);
    }
  });

  it('writes -0 as 0', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson({ minutes: -0, list: [-0, 0] })).toBe('{"list":[0,0],"minutes":0}');
  });

  it('omits object members whose value is undefined', () => {
    expect(canonicalJson({ a: 1, skipped: undefined, b: { c: undefined, d: 'd' } })).toBe('{"a":1,"b":{"d":"d"}}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
  });

  it('escapes only what JSON requires and keeps other characters as they are', () => {
    expect(canonicalJson('tab\there "q" back\\slash \u0001 \u001f \u007f é € 😀 </script>')).toBe(
      '"tab\\there \\"q\\" back\\\\slash \\u0001 \\u001f \u007f é € 😀 </script>"',
    );
  });

  it('accepts properly paired surrogates and objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['😀'] = 'grin';
    expect(canonicalJson({ bare })).toBe('{"bare":{"😀":"grin"}}');
  });

  it.each([
    ['NaN', { scores: [1, Number.NaN] }, 'scores.1'],
    ['Infinity', { plan: { hours: Number.POSITIVE_INFINITY } }, 'plan.hours'],
    ['-Infinity', { hours: Number.NEGATIVE_INFINITY }, 'hours'],
  ])('rejects %s and names the path', (_label, value, path) => {
    const message = rejection(() => canonicalJson(value));
    expect(message).toContain(`cannot canonicalise ${path}:`);
    expect(message).toMatch(/finite/);
  });

  it('rejects a non-finite number at the top level', () => {
    expect(rejection(() => canonicalJson(Number.NaN))).toContain('cannot canonicalise value:');
  });

  it.each([
    ['a lone high surrogate at the end', 'therapy \ud83d'],
    ['a lone low surrogate', '\ude00 therapy'],
    ['a reversed pair', '\ude00\ud83d'],
    ['a lone high surrogate before a normal character', '\ud83dA'],
  ])('rejects a string value holding %s and names the path', (_label, text) => {
    const message = rejection(() => canonicalJson({ notes: [{ text }] }));
    expect(message).toContain('cannot canonicalise notes.0.text:');
    expect(message).toMatch(/lone surrogate/);
  });

  it('rejects an object key holding a lone surrogate and names the object that holds it', () => {
    const message = rejection(() => canonicalJson({ plan: { ['key\ud800']: 1 } }));
    expect(message).toContain('cannot canonicalise plan: a member name holds a lone surrogate');
    expect(message).toMatch(/lone surrogate/);
  });

  it('rejects a Date and names the path', () => {
    const message = rejection(() => canonicalJson({ review: { dueOn: new Date('2025-01-01T00:00:00Z') } }));
    expect(message).toContain('cannot canonicalise review.dueOn:');
    expect(message).toMatch(/plain objects/);
  });

  it('rejects class instances, maps and sets', () => {
    class Provision {
      hours = 2;
    }
    expect(rejection(() => canonicalJson({ provision: new Provision() }))).toContain('cannot canonicalise provision:');
    expect(rejection(() => canonicalJson({ list: [new Map()] }))).toContain('cannot canonicalise list.0:');
    expect(rejection(() => canonicalJson({ set: new Set([1]) }))).toContain('cannot canonicalise set:');
  });

  it('rejects a bigint and names the path', () => {
    const message = rejection(() => canonicalJson({ amounts: { total: 10n } }));
    expect(message).toContain('cannot canonicalise amounts.total:');
    expect(message).toMatch(/bigint/);
  });

  it('rejects functions, symbols and undefined array items', () => {
    expect(rejection(() => canonicalJson({ f: () => 1 }))).toContain('cannot canonicalise f:');
    expect(rejection(() => canonicalJson({ s: Symbol('x') }))).toContain('cannot canonicalise s:');
    expect(rejection(() => canonicalJson({ items: [1, undefined] }))).toContain('cannot canonicalise items.1:');
  });
});
