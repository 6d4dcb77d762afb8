import { GraphQLError, Kind, parse, visit, type ASTNode, type DocumentNode } from 'graphql';

/**
 * Which field of the request a refusal by graphql-js itself is about, in the same path form as our
 * own validation (`input.frequency.sessions`, `input.actions.0.dueOn`): a variable that did not
 * coerce, an argument literal of the wrong type, a required field left out, an unknown field.
 * graphql-js says it only in its messages and AST nodes, so it is read back from them here.
 */
export function requestFieldOf(error: GraphQLError): string | null {
  return variableField(error.message) ?? literalField(error);
}

/**
 * What a variable that did not coerce is told: the field and what is wrong with it, in the words of the
 * innermost error (a scalar's own reason, or "is required"), as our own validation says it. graphql-js's
 * message would print the whole value first.
 */
export function variableErrorMessage(error: GraphQLError, field: string): string | null {
  if (!/^Variable "\$/.test(error.message)) return null;
  let inner: Error | undefined = error.originalError;
  while (inner && (inner as GraphQLError).originalError) inner = (inner as GraphQLError).originalError;
  const reason = inner?.message ?? error.message.slice(error.message.indexOf('; ') + 2);
  if (/of required type "[^"]*" was not provided|must not be null/.test(reason) || /of required type "[^"]*" was not provided/.test(error.message)) return `${field}: is required`;
  const unknown = /^Field "[^"]+" is not defined by type "([^"]+)"/.exec(reason);
  if (unknown) return `${field}: is not a field of ${unknown[1]}`;
  return `${field}: ${reason}`;
}

const ARRAY_INDEX = /\[(\d+)\]/g;
const dotted = (path: string) => path.replace(ARRAY_INDEX, '.$1');

/** `Field "x" of required type "T" was not provided` / `Field "x" is not defined by type "T"`: the field is a child of the path. */
function childNamed(message: string): string | null {
  const match = /Field "([^"]+)" (?:of required type "[^"]*" was not provided|is not defined by type "[^"]*")/.exec(message);
  if (!match) return null;
  // In a literal the message names the field with its type (RegisterChildInput.displayName).
  return match[1]!.split('.').at(-1)!;
}

/**
 * `Variable "$input" got invalid value … at "input.frequency.sessions"; …` (the value is printed with its
 * quotes escaped, so the quoted path is the first ` at "$name` after it), or `Variable "$x" of required
 * type "T" was not provided.` / `… must not be null.`
 */
function variableField(message: string): string | null {
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" /.exec(message);
  if (!variable) return null;
  const name = variable[1]!;
  const at = message.indexOf(` at "${name}`);
  let path = name;
  if (at !== -1) {
    const end = message.indexOf('"', at + 5);
    if (end !== -1) path = message.slice(at + 5, end);
  }
  const child = childNamed(message.slice(message.indexOf('; ') + 2));
  return dotted(child && message.includes('; ') ? `${path}.${child}` : path);
}

/**
 * A literal argument value of the wrong shape: the path from the argument down to the offending node,
 * found by walking the document the error came from. A required argument left out names the argument.
 */
function literalField(error: GraphQLError): string | null {
  const missingArgument = /^Field "[^"]+" argument "([^"]+)" of type "[^"]*" is required, but it was not provided\.$/.exec(error.message);
  if (missingArgument) return missingArgument[1]!;
  const node = error.nodes?.[0];
  const body = error.source?.body;
  if (!node?.loc || body === undefined) return null;
  let document;
  try {
    document = parse(body, { noLocation: false });
  } catch {
    return null;
  }
  let found: string | null = null;
  visit(document, {
    enter(candidate: ASTNode, _key, _parent, path) {
      if (found !== null) return false;
      if (candidate.kind !== node.kind || candidate.loc?.start !== node.loc!.start) return undefined;
      const names = pathOf(document, path);
      if (names.length === 0) return undefined;
      const child = candidate.kind === Kind.OBJECT ? childNamed(error.message) : null;
      found = [...names, ...(child ? [child] : [])].join('.');
      return false;
    },
  });
  return found;
}

/**
 * Argument and object field names (and list positions) from the root of a value down to a node,
 * read by following the visitor's path of keys from the document down.
 */
function pathOf(document: DocumentNode, keys: ReadonlyArray<string | number>): string[] {
  let names: string[] = [];
  let inArgument = false;
  let at: unknown = document;
  keys.forEach((key, i) => {
    const node = at as ASTNode;
    if (!Array.isArray(at)) {
      if (node.kind === Kind.ARGUMENT) {
        names = [node.name.value];
        inArgument = true;
      } else if (node.kind === Kind.FIELD) {
        names = [];
        inArgument = false;
      } else if (inArgument && node.kind === Kind.OBJECT_FIELD) {
        names.push(node.name.value);
      } else if (inArgument && node.kind === Kind.LIST && key === 'values' && typeof keys[i + 1] === 'number') {
        names.push(String(keys[i + 1]));
      }
    }
    at = (at as Record<string | number, unknown>)[key];
  });
  const last = at as ASTNode;
  if (inArgument && last.kind === Kind.OBJECT_FIELD) names.push(last.name.value);
  return inArgument ? names : [];
}
