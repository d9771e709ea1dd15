export * from "./parse-vocabulary";
