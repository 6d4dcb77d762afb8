/// <reference lib="dom" />

type Child = Node | string | number | null | undefined | false;

/**
 * One element, its attributes and its children. Text goes in as text nodes, never as HTML: every word the page
 * shows comes from a file a stranger may have written.
 */
export function h(tag: string, attributes: Record<string, string | undefined> = {}, ...children: (Child | Child[])[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return element;
}

/** Put new content in one of the page's places, replacing what was there. */
export function fill(id: string, ...children: (Child | Child[])[]): void {
  const place = document.getElementById(id);
  if (!place) return;
  place.replaceChildren(...children.flat().filter((c): c is Node | string => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'number' ? String(c) : c)));
}

/** A GOV.UK summary list: a term and what the bundle says of it, row by row. */
export const summaryList = (rows: [string, Child | Child[]][]): HTMLElement =>
  h('dl', { class: 'summary' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
