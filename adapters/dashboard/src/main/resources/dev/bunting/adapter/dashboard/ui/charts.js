// Counts over time as stacked bars in SVG, drawn from the numbers alone: a few hundred bytes where uPlot would add
// about 20 KB compressed to a first load capped at 100 KB, and no canvas or style injection for the CSP to allow.
import { html } from './ui.js';

/**
 * One bar per bucket, stacked by variant, with the totals per variant beside it as text.
 * @param points [{ start, variant, count }] oldest first; buckets without counts have no point
 * @param label  the chart's accessible name
 * @param unit   what is counted, for the totals ("evaluations", "units")
 */
export function CountChart({ points, label, unit, format = (start) => new Date(start).toLocaleString() }) {
  const variants = [...new Set(points.map((p) => p.variant))].sort();
  const starts = [...new Set(points.map((p) => p.start))].sort();
  const totals = variants.map((v) => [v, points.filter((p) => p.variant === v).reduce((sum, p) => sum + p.count, 0)]);
  if (!points.length) return html`<p>${label}: no ${unit} in this range.</p>`;
  const perStart = starts.map((s) => points.filter((p) => p.start === s));
  const highest = Math.max(...perStart.map((ps) => ps.reduce((sum, p) => sum + p.count, 0)));
  const width = 480;
  const height = 120;
  const step = width / starts.length;
  const y = (n) => (n / highest) * (height - 16);
  return html`<figure class="counts">
    <svg viewBox=${`0 0 ${width} ${height}`} role="img" aria-label=${label}>
      ${perStart.map((ps, i) => {
        let base = height;
        return variants.map((v, k) => {
          const point = ps.find((p) => p.variant === v);
          if (!point) return null;
          base -= y(point.count);
          return html`<rect x=${i * step + 1} y=${base} width=${Math.max(1, step - 2)} height=${y(point.count)} class=${`series-${k % 4}`}>
            <title>${format(point.start)}: ${v} ${point.count}</title></rect>`;
        });
      })}
      <text x="2" y="10">${highest}</text>
    </svg>
    <figcaption>${format(starts[0])} to ${format(starts[starts.length - 1])} · ${unit} per variant: ${totals.map(([v, n], k) => html`${k ? ', ' : ''}<span class=${`legend series-${k % 4}`} aria-hidden="true">■</span>${v} ${n}`)}</figcaption>
  </figure>`;
}
