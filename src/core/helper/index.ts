// The Python helper: its wire protocol, the socket connection, and starting, asking and stopping it.
export * from "./parse-unload-after";
export * from "./protocol";
export * from "./helper-constants";
export * from "./helper-socket-path";
export * from "./find-helper";
export * from "./helper-client";
export * from "./get-helper-status";
export * from "./load-model";
export * from "./unload-model";
export * from "./stop-helper";
export * from "./is-model-busy";
export { connectSameVersionHelper, type ConnectedHelper } from "./ensure-helper";
export { HELPER_ERROR_CODES } from "./helper-connection";
export * from "./check-helper-starts";
