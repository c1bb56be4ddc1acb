import * as fs from 'fs';
import * as path from 'path';
import { dockerfileImageMentions, mentionsOfScan, type ImageMention } from '../scan/imageMentions';
import type { ImageScan } from '../scan/model';
import { parseReport, ReportError } from '../scan/reports/reportFormat';
import type { ScanCommand } from './args';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Messages, type CliIo } from './checkCommand';
import { reasonOf } from './fileSystemErrors';
import { palette, wantsColor } from './formats/colors';
import { formatScanCycloneDx } from './formats/scanCycloneDx';
import { formatScanJson } from './formats/scanJson';
import { formatScanSarif } from './formats/scanSarif';
import { formatScanText } from './formats/scanText';
import { scanImagesForCli } from './imageScans';
import { packageVersion } from './packageVersion';
import { exceedsThreshold, type PlacedScan, type ScanLocation, type ScanReport } from './scanReport';

/** Reports larger than this are refused rather than read into memory. */
const REPORT_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * `seaworthy scan IMAGE…` runs a scanner on each image (or on every image `--dockerfile` names);
 * `seaworthy scan --report FILE` reads a scanner's report instead. Either way each image is
 * placed on the `FROM` lines of `--dockerfile` that name it, one report is printed, and the exit
 * code is `check`'s: 1 for a vulnerability or finding at or above the threshold, 2 for an input
 * error or a scan that failed.
 */
export async function runScan(command: ScanCommand, io: CliIo): Promise<number> {
  const messages = new Messages(io);
  if (command.format === 'cyclonedx' && command.engine !== 'builtin') {
    messages.say('--format cyclonedx lists the package inventory, which only the built-in engine collects: add --engine builtin, or use text, json or sarif.');
    return EXIT_ERROR;
  }
  if (command.osvDatabase !== null && !osvDatabaseUsable(command, io, messages)) return EXIT_ERROR;
  const dockerfile = command.dockerfile === null ? null : readDockerfile(command.dockerfile, io, messages);
  if (dockerfile === undefined) return EXIT_ERROR;
  let scans: ImageScan[];
  if (command.report !== null) {
    const imported = importReport(command.report, command, io, messages);
    if (!imported) return EXIT_ERROR;
    scans = imported;
  } else {
    const images = command.images.length > 0 ? command.images : [...new Set(dockerfile?.mentions.map((m) => m.image))];
    if (images.length === 0) {
      messages.say(`${dockerfile?.shown ?? 'the Dockerfile'}: no FROM line names an image to scan (only scratch, earlier stages or ARGs without a default)`);
      return EXIT_ERROR;
    }
    scans = await scanImagesForCli(images, command, io, messages);
  }
  const report: ScanReport = {
    scans: scans.map((scan): PlacedScan => ({ scan, locations: dockerfile ? place(scan, dockerfile, messages) : [] })),
    placed: dockerfile !== null,
    cwd: io.cwd,
    inputErrors: messages.inputErrors,
  };
  const output = render(command, report, io);
  if (output !== '') io.stdout(output);
  if (messages.inputErrors.length > 0) return EXIT_ERROR;
  return exceedsThreshold(report, command.threshold) ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** `--osv-db` is for the built-in engine, and must exist: a mistyped path must not pass as "no vulnerabilities". */
function osvDatabaseUsable(command: ScanCommand, io: CliIo, messages: Messages): boolean {
  if (command.engine !== 'builtin' && command.engine !== 'auto') {
    messages.say(`--osv-db is read by the built-in engine only; ${command.engine} uses its own vulnerability database (drop --osv-db, or use --engine builtin)`);
    return false;
  }
  const abs = path.resolve(io.cwd, command.osvDatabase as string);
  if (fs.existsSync(abs)) return true;
  messages.say(`${messages.shown(abs)}: the OSV database does not exist (give a folder of OSV JSON files, or an ecosystem's all.zip)`);
  return false;
}

interface DockerfileImages {
  shown: string;
  mentions: ImageMention[];
}

/** The Dockerfile's images, or undefined (after saying why) when it cannot be read. */
function readDockerfile(file: string, io: CliIo, messages: Messages): DockerfileImages | undefined {
  const abs = path.resolve(io.cwd, file);
  const shown = messages.shown(abs);
  try {
    return { shown, mentions: dockerfileImageMentions(fs.readFileSync(abs, 'utf8')) };
  } catch (e) {
    messages.say(`${shown}: cannot read the Dockerfile: ${reasonOf(e)}`);
    return undefined;
  }
}

function importReport(file: string, command: ScanCommand, io: CliIo, messages: Messages): ImageScan[] | null {
  const abs = path.resolve(io.cwd, file);
  const shown = messages.shown(abs);
  try {
    const size = fs.statSync(abs).size;
    if (size > REPORT_LIMIT_BYTES) {
      messages.say(`${shown}: the report is ${Math.round(size / 1024 ** 2)} MB, more than the ${REPORT_LIMIT_BYTES / 1024 ** 2} MB Seaworthy reads`);
      return null;
    }
    return parseReport(fs.readFileSync(abs, 'utf8'), command.reportFormat ?? undefined);
  } catch (e) {
    if (e instanceof ReportError) messages.say(`${shown}: cannot import the report: ${e.message}`);
    else messages.say(`${shown}: cannot read the report: ${reasonOf(e)}`);
    return null;
  }
}

/**
 * The `FROM` lines that name the scanned image. A report of an image no `FROM` names (the image
 * the Dockerfile builds, or a report that does not say) goes on the final stage's `FROM`: its
 * base image is where that image's packages came from.
 */
function place(scan: ImageScan, dockerfile: DockerfileImages, messages: Messages): ScanLocation[] {
  const at = (m: ImageMention): ScanLocation => ({ file: dockerfile.shown, range: m.range });
  const found = mentionsOfScan(scan, dockerfile.mentions);
  if (found.length > 0) return found.map(at);
  const named = scan.image ? `names ${scan.image}` : `names the report's image (the report does not say which it is)`;
  const final = dockerfile.mentions.find((m) => m.final);
  if (!final) {
    messages.say(`${dockerfile.shown}: no FROM line ${named}, and the final stage has no base image to report against; the results are not located`);
    return [];
  }
  messages.say(`${dockerfile.shown}: no FROM line ${named}; reported against line ${final.range.start.line + 1} (FROM ${final.image}), the final stage's base image`);
  return [at(final)];
}

function render(command: ScanCommand, report: ScanReport, io: CliIo): string {
  switch (command.format) {
    case 'json':
      return formatScanJson(report);
    case 'cyclonedx':
      return formatScanCycloneDx(report, packageVersion());
    case 'sarif':
      return formatScanSarif(report, packageVersion());
    case 'text':
      return report.scans.length > 0 ? formatScanText(report, palette(wantsColor(io.env, io.stdoutIsTTY))) : '';
  }
}
