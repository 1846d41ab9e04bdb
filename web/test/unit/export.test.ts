// The CSV export must survive names with commas, quotes and line breaks.
import { describe, expect, it } from "vitest";
import { toCSV } from "../../src/export";

describe("toCSV", () => {
  it("writes one row per node and relationship, quoting where needed", () => {
    const csv = toCSV({
      nodes: [{ id: "4:x:1", key: "acme", labels: ["Entity", "Organization"], name: 'Acme, "the" firm', properties: { note: "two\nlines" } }],
      relationships: [{ id: "5:x:1", type: "SUED", start: "4:x:1", end: "4:x:2", status: "alleged", evidence: [{ source: "src-a" }, { source: "src-b" }], properties: {} }],
      truncated: false,
    });
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("kind,id,key,labels_or_type,name,start,end,status,sources,properties");
    expect(lines[1]).toContain('"Acme, ""the"" firm"');
    expect(csv).toContain("relationship,5:x:1,,SUED,,4:x:1,4:x:2,alleged,src-a; src-b,{}");
    expect(lines.filter((l) => l.startsWith("node") || l.startsWith("relationship"))).toHaveLength(2);
  });
});
