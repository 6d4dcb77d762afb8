import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { laCast, SYNTHETIC_LA_CODE, SYNTHETIC_LA_NAME } from '../../bench/la/cast.js';
import type { DemoPerson } from './demo-people.js';

/**
 * With a synthetic LA in the data directory (`npm run generate-la`), its own people to sign in as: the demo's people
 * have no relationship with any of its children, so without these its pages would all be empty. The cast is the
 * generator's, at the scale the file records; the first caseworker and the SENCos of the first primary and secondary.
 */
export function syntheticLaPeople(dataDir: string): DemoPerson[] {
  const file = join(dataDir, 'synthetic-la.json');
  if (!existsSync(file)) return [];
  const { scale } = JSON.parse(readFileSync(file, 'utf8')) as { scale?: unknown };
  if (typeof scale !== 'number' || !(scale > 0)) return [];
  const cast = laCast(scale);
  const primary = cast.settings.primary[0]!;
  const secondary = cast.settings.secondary[0]!;
  return [
    { key: 'synthetic-caseworker', actor: cast.caseworkers[0]!, hint: `SEN caseworker, ${SYNTHETIC_LA_NAME} (the synthetic LA, code ${SYNTHETIC_LA_CODE})` },
    { key: 'synthetic-senco-primary', actor: primary.senco, hint: `SENCo at ${primary.name}, in the synthetic LA` },
    { key: 'synthetic-senco-secondary', actor: secondary.senco, hint: `SENCo at ${secondary.name}, in the synthetic LA` },
    {
      key: 'synthetic-privacy-officer',
      actor: { id: `privacy_officer-${SYNTHETIC_LA_CODE}-privacy-officer`, displayName: 'Privacy Officer', role: 'privacy_officer', organisation: SYNTHETIC_LA_CODE },
      hint: `Privacy officer, ${SYNTHETIC_LA_NAME}`,
    },
  ];
}
