import { randomInt, randomUUID } from 'node:crypto';

let lastMillisecond = -1;
let counter = 0;

/**
 * A new event id: a UUID version 7 (RFC 9562), the Unix time in milliseconds, a 12-bit counter, then 62
 * random bits. Ids this process mints sort in the order it minted them (the counter orders ids within one
 * millisecond, as RFC 9562 section 6.2 method 1 allows), so each append adds to the right-hand edge of the
 * event-id index instead of a random page of it: on SQLite, fewer pages written and fsynced per commit.
 * The time in an id is only the minting time, never evidence of when anything happened.
 */
export function newEventId(now: number = Date.now()): string {
  if (now > lastMillisecond) {
    lastMillisecond = now;
    // Starting low in each millisecond leaves room for thousands more ids in it.
    counter = randomInt(0x800);
  } else if (++counter > 0xfff) {
    // More ids in one millisecond than the counter holds: borrow the next millisecond.
    lastMillisecond++;
    counter = randomInt(0x800);
  }
  const time = lastMillisecond.toString(16).padStart(12, '0');
  // randomUUID draws on Node's cached entropy pool; from its 19th character on it is the variant and random bits.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${counter.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}
