/**
 * The local OpenAI-compatible endpoint (`serve`): the door to this folder. Not re-exported from the
 * core's own index, since it builds on it (`polish()`, the store).
 */
export { startServer, type RunningServer, type ServerOptions } from "./start-server";
export { ApiError, modelNames, parseModelName, transcriptOf } from "./openai-shapes";
export { isLoopbackHost } from "./request-guard";
export { API_KEY_ENV, POLISH_HEADERS, SERVER_DEFAULTS } from "./server-settings";
export {
  AGENT_LABEL,
  installLaunchAgent,
  launchAgentPath,
  launchAgentPlist,
  uninstallLaunchAgent,
  type AgentLocation,
  type LaunchAgentParams,
} from "./launch-agent";
