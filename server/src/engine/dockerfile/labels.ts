import { Label, type Property } from 'dockerfile-ast';
import parseSpdx from 'spdx-expression-parse';
import type { DockerfileModel, Stage } from '../../parse/dockerfileModel';
import type { LabelType } from '../config';
import type { Range } from '../types';
import { finalChain } from './finalImage';
import { propertiesOf } from '../../parse/properties';

/**
 * What the label rules know: the LABELs of a stage, the labels the final image carries, which
 * keys Docker accepts, and the value formats a `labelSchema` can ask for (hadolint's
 * `label-schema` types).
 */

export interface LabelEntry {
  key: string;
  /** As the builder sees it, quotes removed. */
  value: string;
  property: Property;
  /** The key's range, where findings about this label go. */
  range: Range;
  stage: Stage;
}

/** Every `KEY=value` of the stage's own LABEL instructions (not those ONBUILD defers). */
export function stageLabels(stage: Stage): LabelEntry[] {
  const out: LabelEntry[] = [];
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Label)) continue;
    for (const property of propertiesOf(instruction)) {
      out.push({ key: property.getName(), value: property.getValue() ?? '', property, range: property.getNameRange(), stage });
    }
  }
  return out;
}

/** The labels of every stage, in file order. */
export function allLabels(model: DockerfileModel): LabelEntry[] {
  return model.stages.flatMap(stageLabels);
}

/** Keys the final image gets from this Dockerfile: its stage's LABELs and those of the stages it is built FROM. */
export function finalImageLabelKeys(model: DockerfileModel): Set<string> {
  return new Set(finalChain(model).flatMap((stage) => stageLabels(stage).map((l) => l.key)));
}

const RESERVED_NAMESPACES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/**
 * Why a label key breaks Docker's key guidelines (lower-case letters, digits, `.` and `-`,
 * starting with a letter and ending with a letter or digit, no `..` or `--`, not in Docker's own
 * namespaces), or null when it keeps them. hadolint DL3048 checks the same.
 */
export function labelKeyProblem(key: string): string | null {
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or a digit';
  const bad = /[^a-z0-9.-]/.exec(key);
  if (bad) return `may hold only lower-case letters, digits, "." and "-" (not "${bad[0]}")`;
  if (key.includes('..') || key.includes('--')) return 'must not repeat "." or "-"';
  const reserved = RESERVED_NAMESPACES.find((ns) => key.startsWith(ns));
  if (reserved) return `uses Docker's reserved namespace ${reserved.slice(0, -1)}`;
  return null;
}

/**
 * Why `value` is not of the schema's `type` ("is empty", "is not a URL"), or null when it is. A
 * value that holds a variable is only known at build time (`revision=$GIT_SHA` comes from
 * `--build-arg`), so it is not judged.
 */
export function labelValueProblem(type: LabelType, value: string): string | null {
  if (value.trim() === '') return 'is empty';
  if (value.includes('$')) return null;
  switch (type) {
    case 'text':
      return null;
    case 'url':
      return isUrl(value) ? null : 'is not a valid URL (scheme://host…)';
    case 'rfc3339':
      return isRfc3339(value) ? null : 'is not an RFC 3339 date and time (2026-12-03T10:00:00Z)';
    case 'spdx':
      return isSpdx(value) ? null : 'is not an SPDX license identifier or expression (MIT, Apache-2.0 OR MIT)';
    case 'hash':
      return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value) ? null : 'is not a full git commit hash (40 or 64 hex digits)';
    case 'semver':
      return isSemver(value) ? null : 'is not a semantic version (1.4.2, 2.0.0-rc.1)';
    case 'email':
      return isEmail(value) ? null : 'is not an email address (name@example.com)';
  }
}

function isUrl(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S/.test(value) || /\s/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function isRfc3339(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 60 && offsetOk;
}

function isSpdx(value: string): boolean {
  try {
    parseSpdx(value);
    return true;
  } catch {
    return false;
  }
}

const NUMBER = /^(?:0|[1-9]\d*)$/;
const IDENTIFIER = /^[0-9A-Za-z-]+$/;

/** Semantic Versioning 2.0.0, read part by part. */
function isSemver(value: string): boolean {
  const plus = value.indexOf('+');
  const build = plus === -1 ? null : value.slice(plus + 1);
  const beforeBuild = plus === -1 ? value : value.slice(0, plus);
  const dash = beforeBuild.indexOf('-');
  const core = dash === -1 ? beforeBuild : beforeBuild.slice(0, dash);
  const pre = dash === -1 ? null : beforeBuild.slice(dash + 1);
  const numbers = core.split('.');
  if (numbers.length !== 3 || !numbers.every((n) => NUMBER.test(n))) return false;
  if (pre !== null && !pre.split('.').every((id) => IDENTIFIER.test(id) && (!/^\d+$/.test(id) || NUMBER.test(id)))) return false;
  if (build !== null && !build.split('.').every((id) => IDENTIFIER.test(id))) return false;
  return true;
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** An address as RFC 5322's dot-atom form writes it: `local@domain`, the domain with a dot. */
function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).split('.');
  return local.split('.').every((part) => LOCAL_PART.test(part)) && domain.length >= 2 && domain.every((part) => DOMAIN_LABEL.test(part));
}
