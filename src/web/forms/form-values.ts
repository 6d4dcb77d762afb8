/**
 * What a submitted form (application/x-www-form-urlencoded, read by @fastify/formbody) holds, read as typed:
 * a field may be absent, sent once (a string) or several times (an array, as checkboxes are).
 */

export type FormBody = Record<string, unknown>;

export const formBody = (body: unknown): FormBody => (typeof body === 'object' && body !== null ? (body as FormBody) : {});

/** One text field, trimmed at its ends; undefined when left empty, so the domain reads it as left out. */
export function textField(body: FormBody, name: string): string | undefined {
  const value = body[name];
  const text = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** Every value of a field sent several times (checkboxes), in the order sent. */
export function listField(body: FormBody, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Fields left empty are left out, as the API's callers leave them out: the entry's schema then says what is missing. */
export function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
