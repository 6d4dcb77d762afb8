import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { NotADate, parseCalendarDate, parseInstant } from '../../domain/calendar/claimed-dates.js';

/**
 * Dates and times as clients write them, read by the one parser of claimed dates (claimed-dates.ts):
 * a date that does not exist is refused with BAD_INPUT, never rolled over.
 */
function claimedDateScalar(name: string, description: string, parse: (value: string) => string) {
  const check = (value: unknown) => {
    if (typeof value !== 'string') throw new GraphQLError(`must be ${description}`, { extensions: { code: 'BAD_INPUT' } });
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof NotADate)) throw error;
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_INPUT' } });
    }
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => value,
    parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DateScalar = claimedDateScalar('Date', 'a calendar date that exists, as YYYY-MM-DD', parseCalendarDate);
/** A bare date stays a date (an `asOf` date means the whole of that day); a date-time becomes its instant in UTC. */
export const DateTimeScalar = claimedDateScalar(
  'DateTime',
  'a calendar date (YYYY-MM-DD) or an ISO 8601 date-time with its offset from UTC, to the millisecond at most',
  (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? parseCalendarDate(value) : parseInstant(value)),
);

function literal(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      return undefined;
  }
}

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
