// What the status line says about an empty neighbourhood, and that it never prints a blank name.
import { describe, expect, it } from "vitest";
import { GraphModel } from "../../src/model";
import { defaultState, emptyFilters, hasFilters } from "../../src/state";
import { cut, nameOr, noRelationships } from "../../src/text";

describe("an empty neighbourhood", () => {
  it("has no relationships without filters, and filtered ones with", () => {
    expect(noRelationships("Lonely Node", false)).toBe("Lonely Node has no relationships.");
    expect(noRelationships("Lonely Node", true, " Clear the dates.")).toBe("No relationships of Lonely Node match the filters. Clear the dates.");
  });
  it("never prints a blank name", () => {
    expect(noRelationships("   ", false)).toBe("This node has no relationships.");
    expect(noRelationships("", true)).toBe("No relationships of this node match the filters.");
    expect(nameOr("  ", "4:x:46")).toBe("4:x:46");
    expect(nameOr(undefined, " ")).toBe("this node");
    expect(nameOr("Meta", "meta")).toBe("Meta");
    const m = new GraphModel();
    m.load({ focus: "4:x:1", nodes: [{ id: "4:x:1", labels: [], name: " \t", properties: {} }], relationships: [], truncated: false });
    expect(m.nodes.get("4:x:1")!.name).toBe("4:x:1");
  });
  it("knows when a filter is set", () => {
    expect(hasFilters(emptyFilters())).toBe(false);
    expect(hasFilters({ ...emptyFilters(), status: ["reported"] })).toBe(true);
    expect(hasFilters({ ...emptyFilters(), from: "2025" })).toBe(true);
    expect(hasFilters(defaultState().filters)).toBe(false);
  });
});

describe("a long name", () => {
  it("is cut to 80 characters for the title and the status line, at a whole character", () => {
    expect(cut("Meta")).toBe("Meta");
    const long = "Longname" + "x".repeat(192);
    expect(cut(long)).toHaveLength(80);
    expect(cut(long).endsWith("x…")).toBe(true);
    expect(cut("🎬".repeat(100))).toBe("🎬".repeat(79) + "…");
    expect(noRelationships(long, false)).toBe(cut(long) + " has no relationships.");
  });
});
