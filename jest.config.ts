import type { Config } from "jest";

const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { transform: { react: { runtime: "automatic" } } } }] },
  // execa and its dependencies ship ESM only: let swc turn them into CommonJS for jest.
  transformIgnorePatterns: [
    "node_modules/(?!(execa|@sindresorhus|cross-spawn|figures|get-stream|human-signals|is-plain-obj|is-stream|is-unicode-supported|npm-run-path|parse-ms|path-key|pretty-ms|strip-final-newline|unicorn-magic|yoctocolors|@huggingface|@sec-ant)/)",
  ],
  moduleNameMapper: {
    "^@raycast/api$": "<rootDir>/test/mocks/raycast-api.ts",
    "^@raycast/utils$": "<rootDir>/test/mocks/raycast-utils.ts",
    // execa's dependency unicorn-magic exports only an `import` condition, which jest's require cannot resolve.
    "^unicorn-magic$": "<rootDir>/node_modules/unicorn-magic/node.js",
  },
  testTimeout: 60_000,
};

export default config;
