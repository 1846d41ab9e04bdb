import { describe, expect, it } from "vitest";
import { ApiError, canRetry, explain } from "../../src/api";

describe("explain", () => {
  it("explains a 503 from an unreachable Neo4j", () => {
    const msg = explain(new ApiError({ status: 503, title: "Service Unavailable", detail: "Neo4j cannot be reached." }));
    expect(msg).toMatch(/^Neo4j is unavailable right now/);
  });
  it("passes on the console's own 503s as they are", () => {
    const detail = "Neo4j is still working on 4 earlier console queries that ran past the time limit; try again in a minute.";
    expect(explain(new ApiError({ status: 503, title: "Service Unavailable", detail }))).toBe(detail);
    const busy = "The console is busy with other queries; try again in a few seconds.";
    expect(explain(new ApiError({ status: 503, title: "Service Unavailable", detail: busy }))).toBe(busy);
  });
  it("says a time limit once, without the server's setting", () => {
    const detail = "The query took longer than the time limit. Each request may take 15s (NEWSGRAPH_REQUEST_TIMEOUT); narrow the query or lower its limits.";
    expect(explain(new ApiError({ status: 504, title: "Gateway Timeout", detail }))).toBe(
      "The query took longer than the time limit. Each request may take 15s; narrow the query or lower its limits.");
    expect(explain(new ApiError({ status: 504, title: "Gateway Timeout" }))).toBe("The query ran past its time limit.");
  });
  it("offers no retry for a request the server refused", () => {
    expect(canRetry(new ApiError({ status: 400, title: "Bad Request" }))).toBe(false);
    expect(canRetry(new ApiError({ status: 404, title: "Not Found" }))).toBe(false);
    expect(canRetry(new ApiError({ status: 503, title: "Service Unavailable" }))).toBe(true);
    expect(canRetry(new Error("network"))).toBe(true);
  });
});
