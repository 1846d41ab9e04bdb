// Names in list parameters, written and read as the API does (docs/api.md, "Names").
import { describe, expect, it } from "vitest";
import { query } from "../../src/api";
import { joinNames, parseNames, quoteName } from "../../src/names";
import { decode, defaultState, encode } from "../../src/state";

const awkward = ["WORKS,WITH", " PADDED ", "it`s", "Comma, Hub", "`", "``", ",", " a,`b` ", "人物", "ÉTÉ", "\u0085NEL", "tab\t", "HIRED", "My Label"];

describe("quoteName and parseNames", () => {
  it("quote only what needs it", () => {
    expect(quoteName("HIRED")).toBe("HIRED");
    expect(quoteName("My Label")).toBe("My Label");
    expect(quoteName("WORKS,WITH")).toBe("`WORKS,WITH`");
    expect(quoteName(" PADDED ")).toBe("` PADDED `");
    expect(quoteName("it`s")).toBe("`it``s`");
  });
  it("round-trip every name, alone and in a list", () => {
    for (const n of awkward) expect(parseNames(quoteName(n))).toEqual([n]);
    expect(parseNames(joinNames(awkward))).toEqual(awkward);
  });
  it("read the server's grammar", () => {
    expect(parseNames("A,B")).toEqual(["A", "B"]);
    expect(parseNames("A, B")).toEqual(["A", "B"]);
    expect(parseNames(" A ,, B ,")).toEqual(["A", "B"]);
    expect(parseNames("`WORKS,WITH`,HIRED")).toEqual(["WORKS,WITH", "HIRED"]);
    expect(parseNames("  `it``s`  , ` PADDED `")).toEqual(["it`s", " PADDED "]);
    expect(parseNames("``")).toEqual([]);
    expect(parseNames("")).toEqual([]);
  });
  it("refuse what the server refuses", () => {
    for (const bad of ["`open", "it`s", "`A`B", "`A` B", "A,`B", "`A``"]) expect(parseNames(bad), bad).toBeNull();
  });
});

describe("lists in URLs", () => {
  it("go to the API as one quoted parameter", () => {
    expect(query({ types: ["WORKS,WITH", "HIRED"], labels: [" PADDED "] })).toBe("?types=%60WORKS%2CWITH%60%2CHIRED&labels=%60+PADDED+%60");
  });
  it("round-trip through the page's own URL", () => {
    const s = { ...defaultState(), entity: "e", filters: { ...defaultState().filters, types: ["WORKS,WITH", "it`s", " PADDED "], labels: ["Comma, Hub"], status: ["alleged"] } };
    expect(decode(encode(s))).toEqual(s);
  });
  it("read every occurrence of a list, and drop a malformed one", () => {
    expect(decode("?types=A&types=%60B,C%60,D").filters.types).toEqual(["A", "B,C", "D"]);
    expect(decode("?types=A&types=%60open").filters.types).toEqual([]);
    expect(decode("?labels=it%60s").filters.labels).toEqual([]);
  });
});
