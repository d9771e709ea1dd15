import { defineConfig } from "eslint/config";
import raycastConfig from "@raycast/eslint-config";
import { createNodeResolver, importX } from "eslint-plugin-import-x";

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
              regex: "^\\.\\./(config|store|helper|polish|server|runtime|doctor)/",
              message: "Import another concern through its index (../store), not its files.",
            },
            {
              regex: "^\\./(config|store|helper|polish|server|runtime|doctor)/",
              message: "Import a concern through its index (./store), not its files.",
            },
          ],
        },
      ],
    },
  },
  {
    // Imports run one way (core: errors, catalog, config at the bottom; commands -> features -> Raycast
    // glue -> core): no file may reach itself again. This rule skips `import type`; `npm test` also runs
    // dpdm, which counts type imports too (`npm run check:cycles`).
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    // The Raycast glue sits below the commands and their parts: it never imports them.
    files: ["src/raycast/**/*.ts", "src/raycast/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\.\\./(manage-models|polish)",
              message: "src/raycast is the glue below the commands: features import it, never the reverse.",
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
