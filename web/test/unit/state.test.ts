// The URL is the view: a link must restore exactly what was on screen.
import { describe, expect, it } from "vitest";
import { corrected, dateProblem, decode, defaultState, encode, neighbourhoodParams, validDate, type ViewState } from "../../src/state";

describe("view state in the URL", () => {
  const cases: { name: string; state: ViewState }[] = [
    { name: "empty page", state: defaultState() },
    { name: "entity with depth and filters", state: { ...defaultState(), entity: "scale-ai", depth: 3, sel: "r:meta-investment-in-scale", filters: { types: ["INVESTOR", "INVESTEE"], labels: ["Organization"], status: ["reported", "disputed"], source: "src-ling-account", from: "2025", to: "2025-06-30" } } },
    { name: "traced path", state: { ...defaultState(), mode: "paths", pathFrom: "meta", pathTo: "mercor" } },
    { name: "traced path with options", state: { ...defaultState(), mode: "paths", pathFrom: "meta", pathTo: "mercor", hops: 6, pathMode: "all", established: true } },
    { name: "console with text", state: { ...defaultState(), mode: "console", cypher: "MATCH (n {id: $id}) RETURN n // a, b & c?", params: '{"id":"scale-ai"}' } },
  ];
  for (const c of cases) {
    it(`round-trips: ${c.name}`, () => {
      expect(decode(encode(c.state))).toEqual(c.state);
    });
  }

  it("drops what cannot be valid", () => {
    const s = decode("?view=nonsense&depth=9&status=reported,made-up");
    expect(s.mode).toBe("explore");
    expect(s.depth).toBe(defaultState().depth);
    expect(s.filters.status).toEqual(["reported"]);
  });

  it("keeps console text out of explore links", () => {
    expect(encode({ ...defaultState(), entity: "meta", cypher: "MATCH (n) RETURN n" })).toBe("?entity=meta");
  });

  it("maps depth and filters to the neighbourhood parameters", () => {
    const s = { ...defaultState(), depth: 1, filters: { types: ["SUED"], labels: [], status: ["reported"], source: "", from: "2024", to: "" } };
    expect(neighbourhoodParams(s)).toEqual({ depth: 1, types: ["SUED"], labels: [], status: ["reported"], source: "", from: "2024", to: "" });
  });

  it("drops a malformed date of a link, as the form refuses it", () => {
    const s = decode("?entity=meta&from=2025-02-30&to=2025-07");
    expect(s.filters.from).toBe("");
    expect(s.filters.to).toBe("2025-07");
  });

  it.each([
    ["", true], ["2025", true], ["2025-06", true], ["2025-06-13", true],
    ["2025-13", false], ["25", false], ["June 2025", false], ["2025-06-32", false],
    // Days the month does not have: the API refuses them.
    ["2024-02-29", true], ["2000-02-29", true], ["1900-02-29", false], ["2025-02-29", false], ["2025-02-30", false],
    ["2025-04-31", false], ["2025-06-31", false], ["2025-12-31", true], ["0000-02-29", true],
  ])("date filter %j valid: %s", (v, ok) => {
    expect(validDate(v)).toBe(ok);
  });

  it("says what is wrong with a date", () => {
    expect(dateProblem("From", "2025-06-13")).toBe("");
    expect(dateProblem("From", "2025-02-30")).toBe("From 2025-02-30 is no date: February 2025 has 28 days.");
    expect(dateProblem("To", "2024-02-30")).toBe("To 2024-02-30 is no date: February 2024 has 29 days.");
    expect(dateProblem("To", "2025-06-31")).toBe("To 2025-06-31 is no date: June 2025 has 30 days.");
    expect(dateProblem("From", "June 2025")).toMatch(/^From “June 2025” is not a date\. Dates are a year/);
    expect(dateProblem("From", "2025-06-00")).toMatch(/is not a date/);
  });
});

describe("a link the page cannot show as it is", () => {
  it("is corrected to what the page shows", () => {
    // Depth 9 is no depth: the page shows depth 1, and the URL must not go on saying 9.
    expect(corrected("?entity=meta&depth=9")).toBe("?entity=meta");
    expect(corrected("?entity=meta&depth=2&hops=99")).toBe("?entity=meta&depth=2");
    expect(corrected("?view=paths&from_id=meta&to_id=mercor&hops=0")).toBe("?view=paths&from_id=meta&to_id=mercor");
    expect(corrected("?entity=meta&status=reported,rumoured")).toBe("?entity=meta&status=reported");
    expect(corrected("?entity=meta&from=2025-02-30")).toBe("?entity=meta");
    expect(corrected("?view=nowhere")).toBe("");
  });
  it("is left alone when it says what the page shows, in any order or spelling", () => {
    for (const q of ["", "?entity=meta", "?entity=meta&depth=2&status=reported", "?depth=2&entity=meta", "?entity=a%20b", "?entity=a+b",
      "?view=paths&from_id=meta&to_id=mercor&hops=3&paths=all&established=1", "?view=console&cypher=MATCH+(n)+RETURN+n"]) {
      expect(corrected(q), q).toBeNull();
    }
  });
});
