// A rewrite: the prompt, the model call, the output cleaning and the faithfulness guard.
export * from "./build-prompt";
export * from "./clean-output";
export * from "./guard-output";
export * from "./faithfulness";
export * from "./accept-rewrite";
export * from "./split-text";
export * from "./polish";
export * from "./prewarm";
export * from "./lexicon";
