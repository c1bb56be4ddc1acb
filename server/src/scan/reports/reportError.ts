/** A report that cannot be read as the format it claims (or any format): the message says why. */
export class ReportError extends Error {}
