import { SEVERITIES, comparePositions, type Finding, type Severity } from '../engine';
import { compareText } from './catalogue';

/** A finding and the file it is in, as shown to the user. */
export interface FileFinding extends Finding {
  /** Relative to the working directory (or absolute when typed so), with `/` separators. */
  file: string;
}

/** What `check` found, handed to a formatter. */
export interface CheckReport {
  /** Sorted by file, then line, then character. */
  findings: FileFinding[];
  filesChecked: number;
  /** The folder `file` paths are relative to (SARIF's `%SRCROOT%`). */
  cwd: string;
  /** Input errors already printed on stderr; SARIF records them as notifications. */
  inputErrors: string[];
  /** `--fix` ran: "fixable" hints are pointless for what remains. */
  fixed: boolean;
}

export function compareFindings(a: FileFinding, b: FileFinding): number {
  return (
    compareText(a.file, b.file) ||
    comparePositions(a.range.start, b.range.start) ||
    comparePositions(a.range.end, b.range.end) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

/** error > warning > info > hint: true when `severity` is at or above `threshold`. */
export function meetsThreshold(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
