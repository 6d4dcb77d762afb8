import { CHART_COLOURS, renderChart } from './render-chart.js';

export const RESPONSE_SERIES = ['Comments waiting for a response', 'Responses published'] as const;

/**
 * Each 12 months of a Local Offer report's period: comments still waiting for the LA's response beside the
 * responses it published (Regs 56: at least once a year). A bar chart, bars side by side a year at a time.
 */
export function localOfferResponsesChart(years: ReadonlyArray<{ label: string; waiting: number; published: number }>): Promise<string> {
  const values = years.flatMap((y) => [
    { year: y.label, series: RESPONSE_SERIES[0], count: y.waiting },
    { year: y.label, series: RESPONSE_SERIES[1], count: y.published },
  ]);
  const without = years.filter((y) => y.waiting > 0 && y.published === 0).length;
  const most = Math.max(1, ...years.flatMap((y) => [y.waiting, y.published]));
  return renderChart(
    {
      width: { step: 90 },
      height: 200,
      data: { values },
      encoding: {
        x: { field: 'year', type: 'ordinal', sort: years.map((y) => y.label), title: 'Year of the period', axis: { labelAngle: 0 } },
        xOffset: { field: 'series', sort: [...RESPONSE_SERIES] },
        y: { field: 'count', type: 'quantitative', title: 'Comments or responses', scale: { domain: [0, most + 1] }, axis: { tickMinStep: 1, format: 'd' } },
        color: { field: 'series', type: 'nominal', title: null, sort: [...RESPONSE_SERIES], scale: { domain: [...RESPONSE_SERIES], range: [CHART_COLOURS.purple, CHART_COLOURS.blue] } },
      },
      layer: [
        { mark: { type: 'bar' } },
        { mark: { type: 'text', baseline: 'bottom', dy: -2 }, encoding: { text: { field: 'count', type: 'quantitative' }, color: { value: CHART_COLOURS.black } } },
      ],
    },
    {
      id: 'local-offer-responses-chart',
      title: 'Bar chart: Local Offer comments waiting and responses published, each year of the period',
      description:
        without === 0
          ? 'In every year of the period in which comments were waiting, the local authority published at least one response. The table below gives the figures.'
          : `In ${without} ${without === 1 ? 'year' : 'years'} of the period comments were waiting and no response was published. The table below gives the figures.`,
    },
  );
}
