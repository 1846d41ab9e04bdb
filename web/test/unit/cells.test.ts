// The console's table reads values as a person would, not as the server's JSON.
import { describe, expect, it } from "vitest";
import { cellText, rowsCSV } from "../../src/console/cells";

const scale = { $type: "Node", id: "4:x:3", labels: ["Entity", "Organization"], properties: { id: "scale-ai", name: "Scale AI" } };
const source = { $type: "Node", id: "4:x:1", labels: ["Source"], properties: { id: "src-a", title: "An account" } };
const mentions = { $type: "Relationship", id: "5:x:1", type: "MENTIONS", start: "4:x:1", end: "4:x:3", properties: {} };

describe("cellText", () => {
  it("names nodes with their labels and relationships by type", () => {
    expect(cellText(scale)).toBe("(:Entity:Organization Scale AI)");
    expect(cellText(source)).toBe("(:Source An account)");
    expect(cellText(mentions)).toBe("[:MENTIONS]");
  });
  it("writes a path compactly, each relationship in its direction", () => {
    expect(cellText({ $type: "Path", nodes: [scale, source], relationships: [mentions] })).toBe("(Scale AI)<-[:MENTIONS]-(An account)");
  });
  it("shows typed values as their value, points as coordinates", () => {
    expect(cellText({ $type: "Date", value: "2025-06-13" })).toBe("2025-06-13");
    expect(cellText({ $type: "Duration", days: 1, months: 0, seconds: 0, nanoseconds: 0, value: "P0M1DT0S" })).toBe("P0M1DT0S");
    expect(cellText({ $type: "Integer", value: "9007199254740993" })).toBe("9007199254740993");
    expect(cellText({ $type: "Point", srid: 7203, x: 1, y: 2 })).toBe("(1, 2)");
    expect(cellText({ $type: "Point", srid: 4326, x: 2, y: 1 })).toBe("lat 1, lon 2");
  });
  it("keeps plain values plain", () => {
    expect(cellText(42)).toBe("42");
    expect(cellText(null)).toBe("null");
    expect(cellText([1, scale])).toBe("[1, (:Entity:Organization Scale AI)]");
    expect(cellText({ a: 1 })).toBe("{a: 1}");
  });
});

describe("rowsCSV", () => {
  it("writes the rows of a table-only result", () => {
    expect(rowsCSV(["n.name", "count"], [["Scale AI", 3], ['A, "B"', null]])).toBe('n.name,count\r\nScale AI,3\r\n"A, ""B""",\r\n');
  });
});
