import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // As in Remix's server build, `*.client.tsx` modules (Leaflet and the maps) are
  // empty on the server: route modules that import one can be loaded in Node.
  plugins: [
    {
      name: "empty-client-modules",
      enforce: "pre",
      resolveId: (id, importer) => (/\.client(\.[jt]sx?)?$/.test(id) && importer?.includes(`${path.sep}app${path.sep}`) ? "\0empty-client-module" : null),
      load: (id) => (id === "\0empty-client-module" ? "export default undefined;" : null),
    },
  ],
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    env: { DATABASE_PATH: ":memory:" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
