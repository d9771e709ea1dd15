import { describeDoctorReport, getDoctorReport } from "../core";
import { EXIT_CODES } from "./exit-codes";
import { HELP_OPTION, parseCommandArgs, printHelp, usageError } from "./parse-command-args";

const USAGE = `usage: mlx-polish doctor [--json]
  what a bug report needs: OS, chip, memory, Python, runtime and lock, helper, models, Hugging Face
  cache, free disk and the last logged failure; never dictated text or a token. Exit 0 even when
  something is missing. Raycast's Last Failure item is kept inside Raycast: this reads the logs.
  --json   one JSON object (fields: docs/doctor.md)`;

/** `doctor [--json]`: a diagnostic, so it reports what is missing instead of failing on it. */
export async function doctorCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    { args, allowPositionals: true, options: { json: { type: "boolean", default: false }, ...HELP_OPTION } },
    USAGE,
  );
  if (values.help) return printHelp(USAGE);
  if (positionals.length > 0) return usageError(USAGE);
  const report = await getDoctorReport();
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeDoctorReport(report)}\n`);
  return EXIT_CODES.ok;
}
