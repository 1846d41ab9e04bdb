// What the status line says about an empty neighbourhood, and that it never prints a blank name.
import { describe, expect, it } from "vitest";
import { GraphModel } from "../../src/model";
import { defaultState, emptyFilters, hasFilters } from "../../src/state";
import { blank, cut, edgeLabel, FSI, isolate, moreLabel, nameOr, noRelationships, pageLoading, pageMessage, PDI, sourceTitle, traceTitle } from "../../src/text";
import type { GNode, Source } from "../../src/types";

describe("an empty neighbourhood", () => {
  it("has no relationships without filters, and filtered ones with", () => {
    expect(noRelationships("Lonely Node", false)).toBe(`${FSI}Lonely Node${PDI} has no relationships.`);
    expect(noRelationships("Lonely Node", true, " Clear the dates.")).toBe(`No relationships of ${FSI}Lonely Node${PDI} match the filters. Clear the dates.`);
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
  it("counts invisible characters as blank, as the server does", () => {
    for (const s of ["", " \t\n", "\u00a0\u3000", "\u200b", "\u200c\u200d", "\u2060\ufeff\u00ad", "\x00\x1b", "\u3164\u115f\u1160\uffa0", "\u2800", "\u034f\ufe0f\u{E0100}"]) {
      expect(blank(s), JSON.stringify(s)).toBe(true);
    }
    for (const s of ["a", "\u200bMercor", "\u{1F469}\u200d\u{1F4BB}", "·", "\u2764\ufe0f", "\u3164\uc2a4\ucf00\uc77c", "\u2801"]) {
      expect(blank(s), JSON.stringify(s)).toBe(false);
    }
    expect(nameOr("\u200b", "4:x:46")).toBe("4:x:46");
    expect(noRelationships("\u3164", false)).toBe("This node has no relationships.");
    const m = new GraphModel();
    m.load({ focus: "4:x:1", nodes: [{ id: "4:x:1", labels: [], name: "\u200b", properties: {} }], relationships: [], truncated: false });
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
    expect(noRelationships(long, false)).toBe(isolate(cut(long)) + " has no relationships.");
  });
});

describe("a name in a sentence", () => {
  it("is bidi-isolated, so a right-to-left override in it cannot reorder the words after it", () => {
    const rtl = "line1\nline2\u202eRTL";
    expect(isolate(rtl)).toBe("\u2068line1\nline2\u202eRTL\u2069");
    expect(noRelationships(rtl, false)).toBe("\u2068line1\nline2\u202eRTL\u2069 has no relationships.");
    // The name's own isolate controls cannot close the isolate early.
    expect(isolate("a\u2069\u202eb\u2066")).toBe("\u2068a\u202eb\u2069");
  });
});

describe("a source's title", () => {
  const source = (title: unknown, name = "Foreign Source"): GNode => ({ id: "4:x:9", labels: ["Source"], name, properties: title === undefined ? {} : { title, name } });
  it("is the API's title, else a non-blank string title property, else the name", () => {
    expect(sourceTitle(source("The Times"))).toBe("The Times");
    expect(sourceTitle(source(["t1", "t2"]))).toBe("Foreign Source");
    expect(sourceTitle(source(42))).toBe("Foreign Source");
    expect(sourceTitle(source("   "))).toBe("Foreign Source");
    expect(sourceTitle(source("\u200b\u2800"))).toBe("Foreign Source");
    expect(sourceTitle(source(undefined))).toBe("Foreign Source");
    const listed = new Map<string, Source>([["4:x:9", { id: "4:x:9", name: "Foreign Source", title: "Listed Title" }]]);
    expect(sourceTitle(source(["t1", "t2"]), listed)).toBe("Listed Title");
    const untitled = new Map<string, Source>([["4:x:9", { id: "4:x:9", name: "Foreign Source", title: " " }]]);
    expect(sourceTitle(source(42), untitled)).toBe("Foreign Source");
  });
});

describe("a relationship type in a sentence", () => {
  const rtl = "RTL\u202eTYPE";
  const t = `${FSI}${rtl}${PDI}`;
  const name = isolate("Bidi Types");
  it("is bidi-isolated like a name in the page messages", () => {
    expect(pageMessage(name, rtl, 5, 0, 30)).toBe(`Added 5 ${t} relationships of ${name}; that was the last page.`);
    expect(pageMessage(name, rtl, 1, 4, 30)).toBe(`Added 1 ${t} relationship of ${name}; 4 more to page through.`);
    expect(pageMessage(name, rtl, 0, 0, 0)).toBe(`The filters hide every ${t} relationship of ${name}: loosen them (Status, types, labels, source, dates) to see these.`);
    expect(pageMessage(name, rtl, 0, 3, 30)).toBe(`This page of ${t} relationships of ${name} was already shown; 3 more to page through.`);
    expect(pageMessage(name, rtl, 0, 0, 30)).toBe(`All ${t} relationships of ${name} are already shown.`);
    expect(pageLoading(name, rtl)).toBe(`Loading more ${t} of ${name}…`);
  });
  it("reads as before without a type", () => {
    expect(pageMessage(name, "", 2, 0, 30)).toBe(`Added 2 relationships of ${name}; that was the last page.`);
    expect(pageMessage(name, "", 0, 0, 30)).toBe(`All relationships of ${name} are already shown.`);
    expect(pageLoading(name, "")).toBe(`Loading more neighbours of ${name}…`);
  });
  it("is isolated on the canvas: the 'and N more' stub and an edge's label", () => {
    expect(moreLabel(340, rtl, "out")).toBe(`and 340 more ${t} →`);
    expect(moreLabel(3, "", "both")).toBe("and 3 more neighbours ↔");
    expect(moreLabel(49998, "", "both", true)).toBe("and up to 49998 more neighbours ↔");
    expect(edgeLabel(rtl, "alleged")).toBe(`${t} (alleged)`);
    expect(edgeLabel("HIRED", "reported")).toBe(`${FSI}HIRED${PDI}`);
  });
});

describe("the browser tab of a trace", () => {
  it("names its two ends, each isolated, as the status line does", () => {
    expect(traceTitle("Meta", "Mercor")).toBe(`${FSI}Meta${PDI} → ${FSI}Mercor${PDI} · newsgraph`);
  });
  it("keeps both ends in the tab's 80 characters: each is cut to 40", () => {
    const t = traceTitle("A".repeat(200), "Mercor");
    expect(t).toBe(`${FSI}${"A".repeat(39)}…${PDI} → ${FSI}Mercor${PDI} · newsgraph`);
  });
});
