// Bundles the CLI (`src/cli/main.ts` and the core it drives) ahead of time into one CommonJS file, so
// `mlx-polish …` starts on plain Node without npm or tsx. Run by `npm install` (prepare) and `npm test`.
// The bundle sits two folders below the repository, as `src/core` does: `find-helper.ts` finds
// `helper/.venv` and `assets/` relative to its own folder.
import { build } from "esbuild";
import { chmod } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_BUNDLE = path.join(root, "build", "cli", "mlx-polish.cjs");

export async function buildCli(outfile = CLI_BUNDLE) {
  await build({
    entryPoints: [path.join(root, "src", "cli", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    // Small and quick to parse: start-up is the point of the bundle.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    // Only the launch agent of a source checkout asks for tsx; the bundle never loads it.
    external: ["tsx"],
    logLevel: "warning",
  });
  await chmod(outfile, 0o755);
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = await buildCli(process.argv[2]);
  console.error(`build-cli: wrote ${path.relative(process.cwd(), outfile)}`);
}
