export * from "./parse-vocabulary";
export * from "./read-vocabulary-file";
