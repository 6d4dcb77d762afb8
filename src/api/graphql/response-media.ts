/**
 * GraphQL over HTTP (graphql.github.io/graphql-over-http): which media type a response is sent as, and
 * the status of a request refused before execution (a document that does not parse or validate, a
 * variable that does not coerce, a limit).
 */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';
export type ResponseMedia = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

interface Accepted {
  type: string;
  q: number;
  order: number;
}

function acceptedTypes(header: string | undefined): Accepted[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { type, q: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((a) => a.type !== '' && a.q > 0);
}

/**
 * The spec's new media type when the client asks for it ahead of plain JSON; plain JSON otherwise,
 * including with no Accept header or `*\/*` (the spec's default for clients that predate it).
 */
export function responseMediaOf(acceptHeader: string | undefined): ResponseMedia {
  const accepted = acceptedTypes(acceptHeader).sort((a, b) => b.q - a.q || a.order - b.order);
  const first = accepted.find((a) => a.type === GRAPHQL_RESPONSE_JSON || a.type === APPLICATION_JSON);
  return first?.type === GRAPHQL_RESPONSE_JSON ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}

/**
 * A request refused before execution is a client error: HTTP 400. The one exception is the spec's
 * rule for clients that say they accept only plain `application/json` (its legacy media type): such a
 * client reads every well-formed request's answer from a 200, so it gets one, with the same errors.
 */
export function statusBeforeExecution(acceptHeader: string | undefined): 200 | 400 {
  const accepted = acceptedTypes(acceptHeader).map((a) => a.type);
  const legacyOnly = accepted.includes(APPLICATION_JSON) && !accepted.includes(GRAPHQL_RESPONSE_JSON);
  return legacyOnly ? 200 : 400;
}
