import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Environment } from 'nunjucks';
import { duration, longDate, ukDateTime, ukTime } from './presenters/dates.js';
import { legalForceInWords, legalForceTag } from './presenters/legal-force.js';
import { personWithRole, roleName } from './presenters/roles.js';

const require = createRequire(import.meta.url);

/** Where the design systems' files are: served from the installed packages themselves, never a CDN. */
export const GOVUK_FRONTEND = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const MOJ_FRONTEND = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
export const WEB_DIR = dirname(fileURLToPath(import.meta.url));

/** Template folders: ours first, then GOV.UK Frontend's and MOJ Frontend's macros. */
export const TEMPLATE_PATHS = [join(WEB_DIR, 'views'), GOVUK_FRONTEND, MOJ_FRONTEND];

/** Filters every template may use: the ways a family reads dates, people and legal force. */
export function addFilters(env: Environment): void {
  env.addFilter('longDate', longDate);
  env.addFilter('ukTime', ukTime);
  env.addFilter('ukDateTime', ukDateTime);
  env.addFilter('duration', duration);
  env.addFilter('roleName', roleName);
  env.addFilter('personWithRole', personWithRole);
  env.addFilter('legalForceInWords', legalForceInWords);
  env.addFilter('legalForceTag', legalForceTag);
  env.addFilter('plural', (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`);
}
