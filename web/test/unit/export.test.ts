// The CSV export must survive names with commas, quotes and line breaks.
import { describe, expect, it } from "vitest";
import { toCSV } from "../../src/export";

describe("toCSV", () => {
  it("writes one row per node and relationship, quoting where needed", () => {
    const csv = toCSV({
      nodes: [{ id: "4:x:1", key: "acme", labels: ["Entity", "Organization"], name: 'Acme, "the" firm', properties: { note: "two\nlines" } }],
      relationships: [{ id: "5:x:1", type: "SUED", start: "4:x:1", end: "4:x:2", status: "alleged", evidence: [{ source: "src-a" }, { source: "src-b", note: "says so" }], properties: {} }],
      truncated: false,
    });
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("kind,id,key,labels_or_type,name,start,start_name,end,end_name,status,sources,evidence,properties");
    expect(lines[1]).toContain('"Acme, ""the"" firm"');
    // The ends are named where the graph has them; the notes come with their sources.
    expect(csv).toContain('relationship,5:x:1,,SUED,,4:x:1,"Acme, ""the"" firm",4:x:2,,alleged,src-a; src-b,src-b: says so,{}');
    expect(lines.filter((l) => l.startsWith("node") || l.startsWith("relationship"))).toHaveLength(2);
  });
  it("gives a node's provenance notes with their sources", () => {
    const csv = toCSV({
      nodes: [{ id: "4:x:3", labels: ["Fact", "Claim"], name: "A claim", properties: { sources: ["src-a", "src-b"], evidence: ["first", "second, too"] } }],
      relationships: [],
      truncated: false,
    });
    expect(csv.split("\r\n")[1]).toContain(',src-a; src-b,"src-a: first\nsrc-b: second, too",');
  });
});
