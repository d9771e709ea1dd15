/** The local OpenAI-compatible endpoint (`serve`) and its login agent: the door to this folder. */
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
