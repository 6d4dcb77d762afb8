import type { Sen2TimelinessMonth } from '../../domain/statutory-clocks/sen2-timeliness-by-month.js';
import { CHART_COLOURS, renderChart } from './render-chart.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The three bars of each month, in the order the legend and the table give them. */
export const PLAN_SERIES = ['EHC plans issued', 'Within 20 weeks, exception cases included', 'Within 20 weeks, exception cases left out'] as const;

/**
 * EHC plans issued each month of a year, beside those issued within 20 weeks (SEND Regs 2014 reg 13(2)) counting
 * exception cases and leaving them out: a bar chart with its bars side by side, a month at a time.
 */
export function plansWithin20WeeksChart(months: readonly Sen2TimelinessMonth[], year: number): Promise<string> {
  const values = months.flatMap((m) => {
    const month = MONTHS[Number(m.month.slice(5, 7)) - 1]!;
    return [
      { month, series: PLAN_SERIES[0], plans: m.plansIssued },
      { month, series: PLAN_SERIES[1], plans: m.plansWithin20WeeksIncludingExceptionCases.count },
      { month, series: PLAN_SERIES[2], plans: m.plansWithin20WeeksExcludingExceptionCases.count },
    ];
  });
  const issued = months.reduce((total, m) => total + m.plansIssued, 0);
  const busiest = months.reduce((top, m) => (m.plansIssued > top.plansIssued ? m : top), months[0]!);
  const most = Math.max(1, ...months.map((m) => m.plansIssued));
  return renderChart(
    {
      width: 640,
      height: 240,
      data: { values },
      encoding: {
        x: { field: 'month', type: 'ordinal', sort: MONTHS, title: `Month of ${year} the plan was issued`, axis: { labelAngle: 0 } },
        xOffset: { field: 'series', sort: [...PLAN_SERIES] },
        y: { field: 'plans', type: 'quantitative', title: 'EHC plans', scale: { domain: [0, most + 1] }, axis: { tickMinStep: 1, format: 'd' } },
        color: {
          field: 'series',
          type: 'nominal',
          sort: [...PLAN_SERIES],
          title: null,
          scale: { domain: [...PLAN_SERIES], range: [CHART_COLOURS.darkBlue, CHART_COLOURS.blue, CHART_COLOURS.green] },
        },
      },
      // A month's bars carry their numbers; a month with none is left bare rather than crowded with noughts.
      layer: [
        { mark: { type: 'bar' } },
        { transform: [{ filter: 'datum.plans > 0' }], mark: { type: 'text', baseline: 'bottom', dy: -2, color: CHART_COLOURS.black }, encoding: { text: { field: 'plans', type: 'quantitative' }, color: { value: CHART_COLOURS.black } } },
      ],
    },
    {
      id: 'plans-within-20-weeks-chart',
      title: `Bar chart: EHC plans issued in ${year}, and within 20 weeks, by month`,
      description:
        issued === 0
          ? `No EHC plans were issued in ${year}.`
          : `${issued} EHC ${issued === 1 ? 'plan was' : 'plans were'} issued in ${year}; the most in one month was ${busiest.plansIssued}, in ${MONTHS[Number(busiest.month.slice(5, 7)) - 1]}. The table below gives every month's figures.`,
    },
  );
}
