import * as fs from 'fs';
import { ENGINE_CHECKS, MAX_FILE_CHARS, lint, normaliseRefs, type CrossFileFacts, type Finding, type LintCache, type LintOutput, type NetworkFacts, type SeaworthyConfig } from '../engine';
import { reasonOf } from './fileSystemErrors';
import type { Target } from './fileDiscovery';
import { decodeSource, fixFile } from './fixWriter';

/** What checking one file produced; messages are for stderr, already naming the file. */
export interface FileCheckResult {
  findings: Finding[];
  /** An input error (exit code 2): the file could not be read, or fixes could not be written. */
  error: string | null;
  /** `--fix` problems that are not input errors (edits that could not apply). */
  warning: string | null;
  /** How many fixes `--fix` applied. */
  fixesApplied: number;
  /** What the lint of the text now on disk read for the workspace-wide NetworkPolicy check. */
  network?: NetworkFacts;
}

/**
 * A file this large is not even read: whatever its encoding it holds more than MAX_FILE_CHARS
 * characters, and the engine would refuse it anyway (UTF-8 needs at most 3 bytes per UTF-16 unit).
 */
const UNREAD_BYTES = 3 * MAX_FILE_CHARS;

/**
 * `facts`: the Namespace labels and Roles of all the files checked; `cache`: the one the read of
 * those facts parsed this file's documents into (its first lint takes those parses).
 */
export function checkFile(target: Target, config: SeaworthyConfig, fix: boolean, facts?: CrossFileFacts, cache?: LintCache): FileCheckResult {
  const result: FileCheckResult = { findings: [], error: null, warning: null, fixesApplied: 0 };
  let bytes: Buffer;
  try {
    const size = fs.statSync(target.abs).size;
    if (size > UNREAD_BYTES) {
      result.findings = [oversized(size, config)];
      return result;
    }
    bytes = fs.readFileSync(target.abs);
  } catch (e) {
    result.error = `${target.display}: cannot read file: ${reasonOf(e)}`;
    return result;
  }
  try {
    lintAndFix(target, bytes, config, fix, result, facts, cache);
  } catch (e) {
    // The engine guards itself; this is the last line, so one file never ends the run.
    result.error = `${target.display}: not checked: internal error: ${e instanceof Error ? e.message : String(e)}`;
    return result;
  }
  // Seaworthy failed on part of the file (a rule threw, a parser gave up): the rest is reported, exit code 2.
  const faults = [...new Set(result.findings.flatMap((f) => (f.fault ? [f.fault] : [])))];
  if (faults.length > 0) {
    const message = `${target.display}: not fully checked: ${faults.join('; ')}`;
    result.error = result.error === null ? message : `${result.error}\n${message}`;
  }
  return result;
}

function lintAndFix(target: Target, bytes: Buffer, config: SeaworthyConfig, fix: boolean, result: FileCheckResult, facts?: CrossFileFacts, cache?: LintCache): void {
  const source = decodeSource(bytes);
  const lintOutput = (text: string, withCache?: LintCache): LintOutput =>
    lint({ fileName: target.abs, text, config, ...(facts ? { namespaces: facts.namespaces, roles: facts.roles } : {}), ...(withCache ? { cache: withCache } : {}) });
  const lintText = (text: string): Finding[] => lintOutput(text).findings;
  const first = lintOutput(source.text, cache);
  result.findings = first.findings;
  result.network = first.network;
  if (!source.utf8) {
    // Writing the decoded text back would replace the bad bytes for good.
    result.warning = `${target.display}: not valid UTF-8; checked with the bad bytes read as U+FFFD${fix ? ', and not fixed: the file is unchanged' : ''}`;
    return;
  }
  if (!fix || !result.findings.some((f) => f.fix)) return;
  const outcome = fixFile(target.abs, source, lintText);
  if (outcome.status === 'fixed') {
    const after = lintOutput(outcome.text);
    result.findings = after.findings;
    result.network = after.network;
    result.fixesApplied = outcome.applied;
  } else if (outcome.status === 'failed') {
    const message = `${target.display}: ${outcome.reason}; the file is unchanged`;
    if (outcome.ioError) result.error = message;
    else result.warning = message;
  }
}

/** The engine's own `invalid-file` finding for oversized input, for a file too big to read. */
function oversized(bytes: number, config: SeaworthyConfig): Finding {
  const check = ENGINE_CHECKS['invalid-file'];
  const override = config.rules[check.id];
  const at = { line: 0, character: 0 };
  return {
    ruleId: check.id,
    severity: override && override !== 'off' ? override : check.defaultSeverity,
    message: `file not checked: ${(bytes / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_CHARS / 1024 / 1024} MB limit`,
    range: { start: at, end: at },
    refs: normaliseRefs({}),
  };
}
