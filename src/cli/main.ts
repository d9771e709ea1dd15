/**
 * The `mlx-polish` command line: `npm run --silent cli -- ARGS`. It drives the same core as the
 * Raycast commands. stdout carries only results; progress and messages go to stderr.
 */
import { PolishError } from "../core";

type Subcommand = (args: string[]) => Promise<number>;

const subcommands: Record<string, () => Promise<Subcommand>> = {
  polish: async () => (await import("./polish")).polishCommand,
  helper: async () => (await import("./helper")).helperCommand,
  models: async () => (await import("./models")).modelsCommand,
  serve: async () => (await import("./serve")).serveCommand,
};

const USAGE = `usage: mlx-polish <command> [args]

commands:
${Object.keys(subcommands)
  .map((name) => `  ${name}`)
  .join("\n")}`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? subcommands[name] : undefined;
  if (!load) {
    process.stderr.write(`${USAGE}\n`);
    return name && name !== "--help" && name !== "-h" ? 1 : 0;
  }
  const run = await load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mlx-polish: ${error instanceof PolishError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
