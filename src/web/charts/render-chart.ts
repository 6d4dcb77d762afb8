import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * GOV.UK Design System colours for marks (each at least 3:1 against white, WCAG 2.2 1.4.11) and text (black, 4.5:1
 * and more). A chart never says anything by colour alone: the legend names each colour and the table beside it
 * gives every figure.
 */
export const CHART_COLOURS = { blue: '#1d70b8', darkBlue: '#003078', green: '#00703c', purple: '#4c2c92', black: '#0b0c0c', midGrey: '#505a5f' } as const;

const TEXT = CHART_COLOURS.black;
const FONT = 'arial, sans-serif';

/** Type, colours and sizes as GOV.UK pages set them, for every chart. */
const GOVUK_CONFIG = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 14, titleFontSize: 14, titleFontWeight: 'bold', domainColor: CHART_COLOURS.midGrey, tickColor: CHART_COLOURS.midGrey, gridColor: '#b1b4b6' },
  legend: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 14, titleFontSize: 14, orient: 'bottom', direction: 'vertical', labelLimit: 0 },
  title: { color: TEXT, fontSize: 16 },
  text: { color: TEXT, fontSize: 14 },
} as const;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ChartText {
  /** A short id, unique on the page, for the SVG's title and description. */
  id: string;
  /** The chart's accessible name: what it shows, e.g. "Bar chart of EHC plans issued within 20 weeks, by month, 2025". */
  title: string;
  /** What it says, in a sentence or two: the table beside it has every figure. */
  description: string;
}

/**
 * A Vega-Lite chart drawn on the server as SVG, to go inline in a page: no script, so it shows with JavaScript off.
 * The SVG is one image to assistive technology (role="img", named by its <title> and described by its <desc>);
 * Vega's own roles and labels on each mark are removed, since the table beside the chart says it all in order.
 * It scales to the width of its column.
 */
export async function renderChart(spec: TopLevelSpec, text: ChartText): Promise<string> {
  const compiled = vegaLite.compile({ ...spec, config: { ...GOVUK_CONFIG, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const titleId = `${text.id}-title`;
    const descId = `${text.id}-desc`;
    const inner = svg
      .replace(/^<svg[^>]*>/, '')
      .replace(/<\/svg>\s*$/, '')
      .replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '');
    const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 600 300';
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="100%" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false">` +
      `<title id="${titleId}">${escapeXml(text.title)}</title><desc id="${descId}">${escapeXml(text.description)}</desc>${inner}</svg>`
    );
  } finally {
    view.finalize();
  }
}
