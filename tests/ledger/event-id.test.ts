import { describe, expect, it } from 'vitest';
import { newEventId } from '../../src/ledger/event-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timeOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('event ids', () => {
  it('are RFC 9562 version 7 UUIDs carrying the minting time in milliseconds', () => {
    const at = Date.UTC(2126, 11, 4, 15, 0, 0, 123); // ahead of every id minted so far in this process
    const id = newEventId(at);
    expect(id).toMatch(UUID_V7);
    expect(timeOf(id)).toBe(at);
  });

  it('sort in minting order, within one millisecond too, and never repeat', () => {
    const ids = Array.from({ length: 20_000 }, () => newEventId());
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stay in order when more are minted in one millisecond than the counter holds', () => {
    const at = Date.UTC(2127, 0, 1);
    const ids = Array.from({ length: 5000 }, () => newEventId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(timeOf(ids.at(-1)!)).toBeGreaterThan(at);
  });

  it('stay in order when the clock steps back', () => {
    const first = newEventId(Date.UTC(2128, 0, 1));
    const second = newEventId(Date.UTC(2127, 6, 1));
    expect(second > first).toBe(true);
  });
});
