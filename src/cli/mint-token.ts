import { z } from 'zod';
import { mintDevToken } from '../api/auth/mint-token.js';
import { loadOrCreateDevSecret } from '../api/auth/dev-secret.js';
import { ROLES } from '../domain/roles.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { CONFIG_EXIT, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'token',
  summary:
    'mint a development token (HS256, signed with AUTH_JWT_SECRET or the secret generated in the data directory). ' +
    'The token alone is written to stdout, so it can be captured; use npm run -s, or npm\'s own banner is captured too.',
  synopsis: ['--role <role> --org <organisation> [--name "Display Name"] [--id <actor id>] [--expires 8h]'],
  options: [
    ['--role <role>', `required: ${ROLES.join(', ')}`],
    ['--org <organisation>', 'required: the organisation the person acts for: an LA code (202), a setting URN (100000), or another id'],
    ['--name <name>', 'the display name (default "Development User")'],
    ['--id <actor id>', 'the actor id (default <role>-<org>-<name in lower case>)'],
    ['--expires <span>', 'lifetime such as 30m, 8h or 7d (default 8h)'],
  ],
  environment: [
    ['AUTH_JWT_SECRET', 'the shared HS256 secret; when unset, the one in SEND_LEDGER_DATA_DIR (created on first use)'],
    ['SEND_LEDGER_DATA_DIR', 'the data directory (default ./data)'],
    ['AUTH_ISSUER, AUTH_AUDIENCE', 'the issuer and audience the token carries (defaults send-ledger-dev, send-ledger)'],
    ['AUTH_JWKS_URL', 'when set, tokens come from the identity provider and this command refuses'],
  ],
  examples: ['TOKEN=$(npm run -s token -- --role la_officer --org 202 --name "Sam Okafor")', 'curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:4000/graphql ...'],
  exitStatus: `0 the token was printed; 1 AUTH_JWKS_URL is set; 2 bad arguments; ${CONFIG_EXIT}.`,
};

const Args = z.object({
  role: z.enum(ROLES, { error: `--role must be one of: ${ROLES.join(', ')}` }),
  org: z.string({ error: '--org is required' }).min(1, '--org is required'),
  name: z.string().min(1, '--name must not be empty').default('Development User'),
  id: z.string().min(1, '--id must not be empty').optional(),
  expires: z.string().regex(/^\d+[smhd]$/, '--expires looks like 30m, 8h or 7d').default('8h'),
});

async function mintToken(args: string[]): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: { role: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, expires: { type: 'string' } },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const config = loadConfigOrExit();
  if (config.AUTH_JWKS_URL) {
    console.error('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command.');
    return 1;
  }
  const secret = config.AUTH_JWT_SECRET ?? loadOrCreateDevSecret(config.SEND_LEDGER_DATA_DIR);
  const { role, org, name, id, expires } = parsed.data;
  const token = await mintDevToken(secret, config.AUTH_ISSUER, config.AUTH_AUDIENCE, {
    actorId: id ?? `${role}-${org}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    displayName: name,
    role,
    organisation: org,
    expiresIn: expires,
  });
  // Only the token on stdout: TOKEN=$(npm run -s token -- ...) must capture nothing else.
  process.stdout.write(`${token}\n`);
  if (process.stdout.isTTY) console.error(`(${name}, ${role} of ${org}, for ${expires}: send it as Authorization: Bearer <token>)`);
  return 0;
}

await runCommand(USAGE, mintToken);
