// `doctor`: what a bug report needs (machine, runtime, helper, models, last failure), never text or a token.
export { getDoctorReport, type DoctorParams, type DoctorReport, type RunCommand } from "./doctor-report";
export { describeDoctorReport } from "./describe-doctor-report";
export type { LoggedFailure } from "./last-logged-failure";
