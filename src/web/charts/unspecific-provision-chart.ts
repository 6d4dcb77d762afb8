import { CHART_COLOURS, renderChart } from './render-chart.js';

/**
 * How many times each reason for unspecific provision is raised across the LA's current provision lines: a
 * horizontal bar chart, the commonest reason first.
 */
export function unspecificProvisionChart(reasons: ReadonlyArray<{ reason: string; count: number }>): Promise<string> {
  const sorted = [...reasons].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  const total = sorted.reduce((sum, r) => sum + r.count, 0);
  return renderChart(
    {
      width: 360,
      height: { step: 34 },
      data: { values: sorted },
      encoding: {
        y: { field: 'reason', type: 'nominal', sort: sorted.map((r) => r.reason), title: null, axis: { labelLimit: 0 } },
        x: { field: 'count', type: 'quantitative', title: 'Flags raised', axis: { tickMinStep: 1, format: 'd' } },
      },
      // Each bar carries its number: the reader need not measure it against the axis.
      layer: [{ mark: { type: 'bar', color: CHART_COLOURS.blue } }, { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'count', type: 'quantitative' } } }],
    },
    {
      id: 'unspecific-provision-chart',
      title: 'Bar chart: flags raised on provision that is not specific, by reason',
      description:
        total === 0
          ? 'No flag was raised on any current provision line.'
          : `${total} flags were raised; the commonest reason was "${sorted[0]!.reason}" (${sorted[0]!.count}). The table beside the chart gives every reason's figure.`,
    },
  );
}
