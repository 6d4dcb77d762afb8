import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { laCast } from '../../src/bench/la/cast.js';
import { syntheticLaPeople } from '../../src/web/sign-in/synthetic-la-people.js';
import { tempDir } from '../support/temp-dir.js';

describe("the development sign-in's people for a synthetic LA", () => {
  const dir = tempDir('send-ledger-synthetic-people-');
  afterAll(() => dir.remove());

  it('are none without a synthetic LA in the data directory', () => {
    expect(syntheticLaPeople(dir.path)).toEqual([]);
  });

  it("are the generator's own caseworker and SENCos at the scale it recorded, so their relationships are the records'", () => {
    writeFileSync(join(dir.path, 'synthetic-la.json'), JSON.stringify({ version: 1, scale: 0.05, laCode: '999' }));
    const cast = laCast(0.05);
    const people = syntheticLaPeople(dir.path);
    expect(people.map((p) => p.key)).toEqual(['synthetic-caseworker', 'synthetic-senco-primary', 'synthetic-senco-secondary', 'synthetic-privacy-officer']);
    expect(people[0]!.actor).toEqual(cast.caseworkers[0]);
    expect(people[1]!.actor).toEqual(cast.settings.primary[0]!.senco);
    expect(people[2]!.actor).toEqual(cast.settings.secondary[0]!.senco);
    expect(people[3]!.actor).toMatchObject({ role: 'privacy_officer', organisation: '999' });
    expect(people[2]!.hint).toContain(cast.settings.secondary[0]!.name);
  });

  it('are none for a file that does not say its scale', () => {
    writeFileSync(join(dir.path, 'synthetic-la.json'), JSON.stringify({ version: 1 }));
    expect(syntheticLaPeople(dir.path)).toEqual([]);
  });
});
