// MRR over time as a server-rendered SVG area chart (no chart library, no style attributes):
// the SVG is one labelled image with a summary; the numbers are in a visually hidden table.
import { formatUsd } from "@/lib/admin/kpis";

export function AreaChart({ title, data }: { title: string; data: Array<{ label: string; cents: number }> }) {
  const width = 600;
  const height = 160;
  const peak = Math.max(0, ...data.map((d) => d.cents));
  const max = Math.max(1, peak); // the plot's scale (never 0)
  const step = width / Math.max(1, data.length - 1);
  const point = (d: { cents: number }, i: number) => `${(i * step).toFixed(1)},${(height - (d.cents / max) * height).toFixed(1)}`;
  const line = data.map(point).join(" ");
  const area = data.length ? `0,${height} ${line} ${((data.length - 1) * step).toFixed(1)},${height}` : "";
  const first = data[0];
  const last = data.at(-1);
  const summary = `${title}: ${formatUsd(first?.cents ?? 0)} on ${first?.label ?? "—"}, ${formatUsd(last?.cents ?? 0)} on ${last?.label ?? "—"}, at most ${formatUsd(peak)}.`;
  return (
    <figure data-testid="mrr-chart" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2 text-sm font-medium text-zinc-700 dark:text-zinc-300">
        <span>{title}</span>
        <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">max {formatUsd(peak)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={summary} className="mt-3 h-auto w-full">
        {area ? <polygon points={area} className="fill-indigo-100 dark:fill-indigo-950" /> : null}
        {line ? <polyline points={line} fill="none" strokeWidth={2} className="stroke-indigo-600 dark:stroke-indigo-400" /> : null}
        <line x1={0} x2={width} y1={height} y2={height} className="stroke-zinc-300 dark:stroke-zinc-700" />
        <text x={0} y={height + 15} className="fill-zinc-500 text-[11px] dark:fill-zinc-400">
          {first?.label}
        </text>
        <text x={width} y={height + 15} textAnchor="end" className="fill-zinc-500 text-[11px] dark:fill-zinc-400">
          {last?.label}
        </text>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">MRR</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <td>{d.label}</td>
              <td>{formatUsd(d.cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
