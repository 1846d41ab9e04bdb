// The console's table reads values as a person would, not as the server's JSON.
import { describe, expect, it } from "vitest";
import { cellText, elapsedText, nodeNames, rowsCSV } from "../../src/console/cells";
import { show } from "../../src/dom";

const scale = { $type: "Node", id: "4:x:3", labels: ["Entity", "Organization"], properties: { id: "scale-ai", name: "Scale AI" } };
const source = { $type: "Node", id: "4:x:1", labels: ["Source"], properties: { id: "src-a", title: "An account" } };
const mentions = { $type: "Relationship", id: "5:x:1", type: "MENTIONS", start: "4:x:1", end: "4:x:3", properties: {} };

describe("cellText", () => {
  it("names nodes with their labels and relationships by type", () => {
    expect(cellText(scale)).toBe("(:Entity:Organization Scale AI)");
    expect(cellText(source)).toBe("(:Source An account)");
    expect(cellText(mentions)).toBe("[:MENTIONS]");
  });
  it("names nodes as the result's graph names them, the server's display names", () => {
    // {name: ''} read as "(:Thing )" and {email: …} as its element id, where the graph
    // and the panels say the element id and the e-mail address.
    const blank = { $type: "Node", id: "4:x:7", labels: ["Thing"], properties: { name: "" } };
    const mail = { $type: "Node", id: "4:x:8", labels: ["User"], properties: { email: "x@y.z" } };
    const names = nodeNames({ nodes: [{ id: "4:x:7", labels: ["Thing"], name: "4:x:7", properties: {} }, { id: "4:x:8", labels: ["User"], name: "x@y.z", properties: {} }], relationships: [], truncated: false });
    expect(cellText(blank, names)).toBe("(:Thing 4:x:7)");
    expect(cellText([mail], names)).toBe("[(:User x@y.z)]");
    expect(cellText({ $type: "Path", nodes: [mail, blank], relationships: [{ ...mentions, start: "4:x:8", end: "4:x:7" }] }, names)).toBe("(x@y.z)-[:MENTIONS]->(4:x:7)");
    expect(rowsCSV(["u"], [[mail]], names)).toContain("(:User x@y.z)");
    expect(cellText(scale, names)).toBe("(:Entity:Organization Scale AI)"); // not in the graph: its own name
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

// The Details panel reads values with the same formatter (values.ts show), lists joined.
describe("one formatter for the table and the Details panel", () => {
  it("reads every typed value the API sends, never as JSON", () => {
    const values: [unknown, string][] = [
      [{ $type: "Date", value: "2024-02-29" }, "2024-02-29"],
      [{ $type: "DateTime", value: "2024-03-01T12:00:00+01:00[Europe/Paris]" }, "2024-03-01T12:00:00+01:00[Europe/Paris]"],
      [{ $type: "LocalDateTime", value: "2024-03-01T12:00:00" }, "2024-03-01T12:00:00"],
      [{ $type: "Time", value: "12:00:00+02:00" }, "12:00:00+02:00"],
      [{ $type: "LocalTime", value: "23:59:59" }, "23:59:59"],
      [{ $type: "Duration", months: 14, days: 3, seconds: 14706, nanoseconds: 700000000, value: "P1Y2M3DT4H5M6.7S" }, "P1Y2M3DT4H5M6.7S"],
      [{ $type: "Integer", value: "9223372036854775807" }, "9223372036854775807"],
      [{ $type: "Float", value: "NaN" }, "NaN"],
      [{ $type: "Float", value: "-Infinity" }, "-Infinity"],
      [{ $type: "Point", srid: 4979, x: 2.35, y: 48.85, z: 35 }, "lat 48.85, lon 2.35, height 35"],
      [{ $type: "Point", srid: 7203, x: { $type: "Float", value: "NaN" }, y: 2 }, "(NaN, 2)"],
      [{ $type: "Bytes", base64: "AAEC/w==" }, "0x000102ff (4 bytes)"],
      [{ $type: "Bytes", base64: "aA==" }, "0x68 (1 byte)"],
      [{ $type: "Bytes", base64: btoa("x".repeat(40)) }, `0x${"78".repeat(32)}… (40 bytes)`],
      [{ $type: "Invalid", error: "the value could not be read: unknown zone" }, "(the value could not be read: unknown zone)"],
    ];
    for (const [v, text] of values) {
      expect(cellText(v)).toBe(text);
      expect(show(v)).toBe(text);
    }
  });
  it("shows a long value's preview with how big the whole is", () => {
    expect(show({ $type: "Truncated", bytes: 22002, preview: "All work" })).toBe("All work… (22 KB, shown in part)");
    expect(show({ $type: "Truncated", bytes: 1_600_000, preview: "x" })).toBe("x… (1.6 MB, shown in part)");
    expect(show({ $type: "Truncated", bytes: 9000 })).toBe("(a value of 9 KB, not shown here)");
  });
  it("reads a map whose keys include $type as a map, not as the value it looks like", () => {
    expect(cellText({ $type: "Map", value: { $type: "Integer", value: "5" } })).toBe("{$type: Integer, value: 5}");
    expect(cellText({ a: { $type: "Map", value: { $type: 7 } } })).toBe("{a: {$type: 7}}");
  });
  it("counts what Neo4j cut for the console's graph in characters or items", () => {
    expect(show({ $type: "Truncated", characters: 600000, preview: "yy" })).toBe("yy… (600,000 characters, shown in part)");
    expect(show({ $type: "Truncated", items: 3000 })).toBe("(a value of 3,000 items, not shown here)");
  });
  it("joins a panel's lists and leaves out nulls", () => {
    expect(show(["a", { $type: "Date", value: "2020-01-01" }])).toBe("a, 2020-01-01");
    expect(show(null)).toBe("");
    expect(cellText(null)).toBe("null");
  });
});

describe("the console's timing", () => {
  it.each([[233.968, "234 ms"], [4.2519, "4.3 ms"], [0.0421, "0 ms"], [12034.5, "12,035 ms"], [NaN, "? ms"]])("%d ms reads %s", (ms, text) => {
    expect(elapsedText(ms)).toBe(text);
  });
});
