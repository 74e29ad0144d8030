// The MRR chart is server-rendered SVG: no style attributes (the CSP has no 'unsafe-inline' for
// styles), a labelled image with a summary, and the numbers in a screen-reader table.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AreaChart } from "@/components/admin/area-chart";

describe("AreaChart", () => {
  it("draws the series without inline styles, with a text alternative", () => {
    const html = renderToStaticMarkup(
      createElement(AreaChart, {
        title: "MRR over time",
        data: [
          { label: "2026-11-27", cents: 0 },
          { label: "2026-11-28", cents: 360_000 },
          { label: "2026-11-29", cents: 180_000 },
        ],
      }),
    );
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="MRR over time: $0 on 2026-11-27, $1,800 on 2026-11-29, at most $3,600."');
    // Points: x every 300 units over 600; y from the top of a 160-unit plot (max at the top).
    expect(html).toContain('points="0.0,160.0 300.0,0.0 600.0,80.0"');
    expect(html).toContain("<td>2026-11-28</td><td>$3,600</td>");
  });

  it("an empty or all-zero series still renders (no division by zero)", () => {
    const empty = renderToStaticMarkup(createElement(AreaChart, { title: "MRR", data: [] }));
    expect(empty).toContain("at most $0");
    expect(empty).not.toContain("NaN");
    const zeros = renderToStaticMarkup(createElement(AreaChart, { title: "MRR", data: [{ label: "a", cents: 0 }, { label: "b", cents: 0 }] }));
    expect(zeros).not.toContain("NaN");
    expect(zeros).toContain('points="0.0,160.0 600.0,160.0"');
  });
});
