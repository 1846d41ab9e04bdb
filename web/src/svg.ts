// SVG export, loaded only when someone asks for it (cytoscape-svg is not needed to draw).
import cytoscape from "cytoscape";
import type { Core } from "cytoscape";
import cytoscapeSvg from "cytoscape-svg";

let registered = false;

/** The whole graph of a Cytoscape instance as an SVG document. */
export function svgOf(cy: Core, bg: string): string {
  if (!registered) {
    cytoscape.use(cytoscapeSvg as never);
    registered = true;
  }
  return (cy as unknown as { svg(o: object): string }).svg({ full: true, bg, scale: 1 });
}
