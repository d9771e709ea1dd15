import { defineConfig } from "eslint/config";
import raycastConfig from "@raycast/eslint-config";

export default defineConfig([
  { ignores: ["dist/**", "build/**", "helper/**", "assets/**", "node_modules/**", "coverage/**", "raycast-env.d.ts"] },
  ...raycastConfig,
  {
    // src/core is grouped by concern; a folder's index.ts is its only door for the others, and the
    // core never depends on Raycast.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["@raycast/api", "@raycast/utils"].map((name) => ({
            name,
            message: "src/core never imports Raycast.",
          })),
          patterns: [
            {
              regex: "^\\.\\./(config|store|helper|polish|server|runtime)/",
              message: "Import another concern through its index (../store), not its files.",
            },
            {
              regex: "^\\./(config|store|helper|polish|server|runtime)/",
              message: "Import a concern through its index (./store), not its files.",
            },
          ],
        },
      ],
    },
  },
  {
    // A jest.mock factory is hoisted above the imports, so it can only reach a module with require().
    files: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
]);
