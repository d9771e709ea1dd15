/** The CLI's exit codes, one place for scripts that call it. */
export const EXIT_CODES = {
  ok: 0,
  /** Bad arguments or a failure with nothing useful on stdout. */
  error: 1,
  /** `polish` could not polish: stdout holds the original text, stderr the reason. */
  polishFallback: 2,
} as const;
