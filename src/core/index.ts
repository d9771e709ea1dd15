// The core's one door for the commands, the CLI, tests and benches: never imports @raycast/*.
export * from "./catalog";
export * from "./custom-models";
export * from "./errors";
export * from "./config";
export * from "./store";
export * from "./helper";
export * from "./polish";
export * from "./vocabulary";
export * from "./app-styles";
export * from "./server";
export * from "./runtime";
export * from "./doctor";
