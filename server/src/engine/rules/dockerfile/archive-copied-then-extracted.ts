import { Copy, Run } from 'dockerfile-ast';
import type { JsonArgument } from '../../../parse/shell/jsonArguments';
import { flagsOf, type ShellCommand } from '../../../parse/shell/shellScript';
import type { RunScript } from '../../../parse/shell/runScripts';
import { defineRule } from '../../rule';
import { copyArguments } from '../../dockerfile/copyArguments';
import { fromFlagOf } from '../../dockerfile/copyFrom';

/** The tar archives ADD unpacks by itself (plain, gzip, bzip2, xz). */
const TAR_ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `tar -x…`, `tar x…` (old-style first word), `tar --extract` / `--get`. */
function isTarExtract(command: ShellCommand): boolean {
  if (command.program !== 'tar') return false;
  if (flagsOf(command).some((f) => f.name === 'x' || f.name === 'extract' || f.name === 'get')) return true;
  const first = command.args[0]?.value;
  return first !== undefined && first !== null && /^[A-Za-z]+$/.test(first) && first.includes('x');
}

/** The words tar may read as its archive: every argument, `--file=PATH` as its path. */
function archiveOperands(command: ShellCommand): string[] {
  return command.args.flatMap((w) => (w.value === null ? [] : [w.value.startsWith('--file=') ? w.value.slice('--file='.length) : w.value]));
}

/**
 * hadolint DL3010: a local tar archive COPYed into a stage and then unpacked there by `tar -x`.
 * As hadolint, the archive is matched by file name (the destination's, when COPY renames it) and
 * `COPY --from` is left alone. Unlike hadolint, `unzip`, `gunzip` and the like are not counted:
 * ADD unpacks tar archives only (plain, gzip, bzip2, xz), so for a zip it could not replace them.
 */
export default defineRule({
  meta: {
    id: 'archive-copied-then-extracted',
    title: 'Local archive copied, then extracted in a RUN',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    profile: 'strict',
    refs: { hadolint: ['DL3010'] },
    fixable: false,
    rationale:
      '`COPY app.tar.gz /tmp/` followed by `RUN tar -xzf /tmp/app.tar.gz -C /opt` keeps the archive in the COPY\'s layer for good (a later `rm` only hides it), so the image carries the files twice. `ADD app.tar.gz /opt/` unpacks a local tar archive (plain, gzip, bzip2 or xz) into the destination in one layer. Keep COPY for archives that must stay packed, and for zip files, which ADD does not unpack. Not fixable: options such as `--strip-components` have no ADD equivalent.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nADD app.tar.gz /opt/\nUSER 1000\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\nUSER 1000\n' },
  },
  check(context) {
    const scripts = new Map<Run, RunScript>(context.dockerfile.runs().map((r) => [r.run, r]));
    for (const stage of context.dockerfile.stages) {
      const archives = new Map<string, JsonArgument>();
      const reported = new Set<JsonArgument>();
      for (const instruction of stage.instructions) {
        if (instruction instanceof Copy && !fromFlagOf(instruction)) {
          for (const [name, word] of archivesOf(copyArguments(instruction))) archives.set(name, word);
          continue;
        }
        const script = instruction instanceof Run ? scripts.get(instruction) : undefined;
        if (!script || archives.size === 0) continue;
        for (const command of script.script.commands) {
          if (!isTarExtract(command)) continue;
          for (const file of archiveOperands(command)) {
            const copied = archives.get(basename(file));
            if (!copied || reported.has(copied)) continue;
            reported.add(copied);
            const line = script.position(command.start).line + 1;
            context.report({
              range: copied.range,
              message: `${copied.value} is copied here and unpacked by tar on line ${line}, so the archive stays in this layer; ADD ${copied.value} <directory>/ unpacks a local tar archive in one step`,
            });
          }
        }
      }
    }
  },
});

/** Archive file names a COPY puts in the image, with the word to report: the renamed destination, or each archive source. */
function archivesOf(args: JsonArgument[]): [string, JsonArgument][] {
  const destination = args.at(-1);
  if (!destination || args.length < 2) return [];
  if (TAR_ARCHIVE.test(destination.value)) {
    const source = args.length === 2 ? args[0] : undefined;
    return source ? [[basename(destination.value), source]] : [];
  }
  return args
    .slice(0, -1)
    .filter((a) => TAR_ARCHIVE.test(a.value) && !a.value.includes('*') && !a.value.includes('$'))
    .map((a) => [basename(a.value), a]);
}
