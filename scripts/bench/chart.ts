/**
 * Charts of the bench and the soak: a Vega-Lite spec compiled and rendered
 * to SVG in Node (no browser, no canvas: Vega's headless renderer estimates
 * text widths), so a run's result is a file to open.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
