// A horizontal bar chart as server-rendered SVG (no chart library, no inline styles: sizes are
// SVG attributes). The SVG is one labelled image with a summary; the same numbers are in a
// visually hidden table for screen readers, and printed next to each bar for everyone.
export type Bar = {
  label: string;
  value: number;
  display: string;
  detail?: string;
};

export function HorizontalBarChart({ title, summary, bars, id }: { title: string; summary: string; bars: Bar[]; id: string }) {
  const width = 640;
  const row = 34;
  const labelWidth = 120;
  const valueWidth = 150;
  const barArea = width - labelWidth - valueWidth;
  const height = bars.length * row;
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    <figure aria-labelledby={`${id}-caption`} className="flex flex-col gap-3">
      <figcaption id={`${id}-caption`} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="h-auto w-full" data-chart={id}>
        {bars.map((b, i) => {
          const w = max > 0 ? Math.max(b.value > 0 ? 3 : 0, (b.value / max) * barArea) : 0;
          const y = i * row;
          return (
            <g key={b.label}>
              <text x={0} y={y + row / 2 + 4} className="fill-zinc-700 text-[13px] dark:fill-zinc-300">
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 6} width={barArea} height={row - 12} rx={4} className="fill-zinc-100 dark:fill-zinc-800" />
              {w > 0 ? (
                <rect x={labelWidth} y={y + 6} width={w} height={row - 12} rx={4} className="fill-accent">
                  <title>{`${b.label}: ${b.display}${b.detail ? ` (${b.detail})` : ""}`}</title>
                </rect>
              ) : null}
              <text x={width} y={y + row / 2 + 4} textAnchor="end" className="fill-zinc-900 text-[13px] font-medium tabular-nums dark:fill-zinc-100">
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Value</th>
            <th scope="col">Deals</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.display}</td>
              <td>{b.detail ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
