import { expect } from 'vitest';
import { mintDevToken } from '../../../src/api/auth/mint-token.js';
import type { Actor } from '../../../src/ledger/envelope.js';
import { TEST_SECRET } from '../../support/test-app.js';
import type { DemoWebServer } from './demo-web-server.js';

/**
 * A GraphQL request as `actor`, as another system of the LA's or the school's would send it, failing the test on any
 * error; its data back. The server must be started with `AUTH_JWT_SECRET: TEST_SECRET`.
 */
export async function graphqlAs<T = Record<string, unknown>>(server: DemoWebServer, actor: Actor, query: string, variables: Record<string, unknown>): Promise<T> {
  const token = await mintDevToken(TEST_SECRET, server.config.AUTH_ISSUER, server.config.AUTH_AUDIENCE, {
    actorId: actor.id,
    displayName: actor.displayName,
    role: actor.role as never,
    organisation: actor.organisation,
  });
  const response = await server.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { query, variables },
  });
  const body = response.json() as { data?: T; errors?: unknown };
  expect(body.errors, response.body).toBeUndefined();
  return body.data!;
}

/** A decision recorded through the API's mutation of that name, claimed on `occurredAt`; the child's and the subject's ids back. */
export async function recordThroughTheApi(
  server: DemoWebServer,
  actor: Actor,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  options: { childId?: string | undefined; occurredAt?: string | undefined } = {},
): Promise<{ childId: string; subjectId: string }> {
  const [params, args] = options.childId ? ['$id: ID!, ', 'childId: $id, '] : ['', ''];
  const data = await graphqlAs<Record<string, { childId: string; subjectId: string }>>(
    server,
    actor,
    `mutation(${params}$input: ${inputType}!, $options: EntryOptions) { ${mutation}(${args}input: $input, options: $options) { childId subjectId } }`,
    { id: options.childId, input, options: options.occurredAt ? { occurredAt: options.occurredAt } : {} },
  );
  return data[mutation]!;
}
