import type { Range } from '../engine';
import { atOrAbove, type ImageScan, type ScanSeverity } from '../scan/model';

/** A line of a file that brought the scanned image in. */
export interface ScanLocation {
  /** As shown to the user: relative to the working directory, `/` separated. */
  file: string;
  range: Range;
}

export interface PlacedScan {
  scan: ImageScan;
  /** The `FROM` lines the image came in by; empty without `--dockerfile`. */
  locations: ScanLocation[];
}

/** What `scan` found, handed to a formatter. */
export interface ScanReport {
  scans: PlacedScan[];
  /** `--dockerfile` was given: JSON carries `locations`, SARIF points at them. */
  placed: boolean;
  /** The folder `file` paths are relative to (SARIF's `%SRCROOT%`). */
  cwd: string;
  /** Errors already printed on stderr; SARIF records them as notifications. */
  inputErrors: string[];
}

/** True when a vulnerability or finding is at or above the threshold: exit code 1. */
export function exceedsThreshold(report: ScanReport, threshold: ScanSeverity): boolean {
  return report.scans.some(({ scan }) => [...scan.vulnerabilities, ...scan.findings].some((item) => atOrAbove(item.severity, threshold)));
}
