// A simple accessible bar chart as inline SVG (no chart library): the SVG is labelled as one
// image with a summary, and the same numbers are in a visually hidden table for screen readers.
export function BarChart({ title, data, valueLabel }: { title: string; data: Array<{ label: string; value: number }>; valueLabel: string }) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = width / Math.max(1, data.length);
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const summary = `${title}: ${total} ${valueLabel} in total over ${data.length} days, at most ${max} on one day.`;
  return (
    <figure className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <figcaption className="text-sm font-medium text-zinc-700">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={summary} className="mt-3 h-auto w-full">
        {data.map((d, i) => {
          const h = (d.value / max) * height;
          return (
            <rect key={d.label} x={i * slot + 2} y={height - h} width={Math.max(1, slot - 4)} height={h} rx={2} className="fill-indigo-500">
              <title>{`${d.label}: ${d.value}`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} className="stroke-zinc-300" />
        <text x={0} y={height + 15} className="fill-zinc-500 text-[11px]">
          {data[0]?.label}
        </text>
        <text x={width} y={height + 15} textAnchor="end" className="fill-zinc-500 text-[11px]">
          {data.at(-1)?.label}
        </text>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{valueLabel}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <td>{d.label}</td>
              <td>{d.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
