import manifest from "../../package.json";
import {
  APP_STYLES_ENV,
  PolishError,
  STYLES,
  VOCABULARY_ENV,
  findModel,
  parseAppStyles,
  parseUnloadAfter,
  polish,
  readVocabularyFile,
  styleForApp,
  type StyleId,
  type VocabularyEntry,
} from "../core";
import { cancelOnInterrupt } from "./interrupt";
import { EXIT_CODES } from "./exit-codes";
import { HELP_OPTION, parseCommandArgs, printHelp } from "./parse-command-args";

const USAGE = `usage: mlx-polish polish [--model ID] [--style NAME] [--instructions TEXT] [--vocabulary FILE]
                         [--app NAME_OR_BUNDLE_ID] [--app-styles "App=style; …"] [--unload-after never|SECONDS] [--json] [TEXT]
Reads stdin when TEXT is absent. On fallback prints the original text, the reason on stderr, and exits ${EXIT_CODES.polishFallback}
(${EXIT_CODES.cancelled} after Ctrl-C). --vocabulary defaults to $${VOCABULARY_ENV}, --app-styles to $${APP_STYLES_ENV};
a rule naming --app picks the style, else --style applies.`;

/** The Unload Model After preference's default, for the commands that start the helper. */
export const DEFAULT_UNLOAD_AFTER = manifest.preferences.find(
  (preference) => preference.name === "unloadAfter",
)!.default!;

/** `polish`: rewrites TEXT (or stdin) and prints it; stdout only ever holds the text (or --json). */
export async function polishCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        model: { type: "string" },
        style: { type: "string" },
        instructions: { type: "string" },
        vocabulary: { type: "string" },
        app: { type: "string" },
        "app-styles": { type: "string" },
        "unload-after": { type: "string", default: DEFAULT_UNLOAD_AFTER },
        json: { type: "boolean", default: false },
        ...HELP_OPTION,
      },
    },
    USAGE,
  );
  if (values.help) return printHelp(USAGE);
  if (values.model) findModel(values.model);
  if (values.style && !STYLES.some((style) => style.id === values.style)) {
    throw new PolishError(
      "bad_input",
      `Unknown style "${values.style}". Styles: ${STYLES.map((style) => style.id).join(", ")}.`,
    );
  }
  const rules = parseAppStyles(values["app-styles"] ?? process.env[APP_STYLES_ENV] ?? "");
  const fromApp = values.app ? styleForApp(rules, { name: values.app, bundleId: values.app }) : undefined;
  const vocabulary = await vocabularyFromArgs(values.vocabulary);
  const text = positionals.length > 0 ? positionals.join(" ") : await readStdin();

  // Ctrl-C cancels the rewrite; the original text still reaches stdout.
  const result = await cancelOnInterrupt((signal) =>
    polish({
      text,
      modelId: values.model,
      style: fromApp?.style ?? (values.style as StyleId | undefined),
      customInstructions: values.instructions,
      vocabulary,
      unloadAfterSeconds: parseUnloadAfter(values["unload-after"]),
      signal,
    }),
  );

  if (values.json) {
    process.stdout.write(`${JSON.stringify(fromApp ? { ...result, app: fromApp.app } : result)}\n`);
  } else {
    process.stdout.write(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
  }
  if (result.outcome === "partial") process.stderr.write(`mlx-polish: ${result.message}\n`);
  if (result.polished) return EXIT_CODES.ok;
  process.stderr.write(`mlx-polish: kept the original text (${result.reason}): ${result.message}\n`);
  // Ctrl-C: the helper was told to stop the rewrite; the original text is on stdout all the same.
  return result.reason === "cancelled" ? EXIT_CODES.cancelled : EXIT_CODES.polishFallback;
}

/** The vocabulary of `--vocabulary FILE`, else of the file in $MLX_POLISH_VOCABULARY; none when neither is set. */
export async function vocabularyFromArgs(file: string | undefined): Promise<VocabularyEntry[] | undefined> {
  const path = file || process.env[VOCABULARY_ENV];
  return path ? readVocabularyFile(path) : undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
