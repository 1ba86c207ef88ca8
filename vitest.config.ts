import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    env: { DATABASE_PATH: ":memory:" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
