// Builds the page into assets/app, which web/embed.go compiles into the Go binary.
import { defineConfig } from "vitest/config";

export default defineConfig({
  build: {
    outDir: "assets/app",
    emptyOutDir: true,
    // The first page must stay small: the Cypher console and SVG export are loaded on
    // demand, so keep them out of the entry chunk.
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    // The budget test reads which chunks the first page loads from the manifest.
    manifest: true,
  },
  server: {
    // `npm run dev` talks to a running `newsgraph serve` (default :8080).
    proxy: { "/api": process.env.NEWSGRAPH_URL ?? "http://127.0.0.1:8080" },
  },
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
  },
});
