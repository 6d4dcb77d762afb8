import { parseArgs } from 'node:util';
import { z } from 'zod';
import { mintDevToken } from '../api/auth/mint-token.js';
import { loadOrCreateDevSecret } from '../api/auth/dev-secret.js';
import { ROLES } from '../domain/roles.js';
import { loadConfigOrExit } from '../config/load-config.js';

const usage = `Mint a development token (HS256, signed with the secret in the data directory).

  npm run token -- --role <role> --org <organisation> [--name "Display Name"] [--id actor-id] [--expires 8h]

Roles: ${ROLES.join(', ')}
Organisation: an LA code (e.g. 202), a setting URN (e.g. 100000), or another organisation id.`;

const Args = z.object({
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
  org: z.string({ error: '--org is required' }).min(1, '--org is required'),
  name: z.string().min(1).default('Development User'),
  id: z.string().min(1).optional(),
  expires: z.string().regex(/^\d+[smhd]$/, '--expires looks like 30m, 8h or 7d').default('8h'),
});

const { values } = parseArgs({
  options: { role: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, expires: { type: 'string' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const args = Args.safeParse(values);
if (!args.success) {
  console.error(`${args.error.issues.map((i) => i.message).join('\n')}\n\n${usage}`);
  process.exit(2);
}
const config = loadConfigOrExit();
if (config.AUTH_JWKS_URL) {
  console.error('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command.');
  process.exit(2);
}
const secret = config.AUTH_JWT_SECRET ?? loadOrCreateDevSecret(config.SEND_LEDGER_DATA_DIR);
const { role, org, name, id, expires } = args.data;
console.log(
  await mintDevToken(secret, config.AUTH_ISSUER, config.AUTH_AUDIENCE, {
    actorId: id ?? `${role}-${org}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    displayName: name,
    role,
    organisation: org,
    expiresIn: expires,
  }),
);
