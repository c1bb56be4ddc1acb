import type * as CvssCalculator from 'ae-cvss-calculator';
import type { ScanSeverity } from '../../model';

let calculator: typeof CvssCalculator | undefined;

/**
 * The base score of a CVSS 3.0/3.1 vector (`CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`), by the
 * equations of the FIRST specification; null when the vector is not a complete v3 base vector.
 */
export function cvss3BaseScore(vector: string): number | null {
  const metrics = new Map<string, string>();
  const [version, ...rest] = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(version ?? '')) return null;
  for (const part of rest) {
    const [key, value] = part.split(':');
    if (key && value) metrics.set(key, value);
  }
  const scopeChanged = metrics.get('S') === 'C';
  if (!scopeChanged && metrics.get('S') !== 'U') return null;
  const pick = (key: string, table: Record<string, number>): number | undefined => table[metrics.get(key) ?? ''];
  const attackVector = pick('AV', { N: 0.85, A: 0.62, L: 0.55, P: 0.2 });
  const complexity = pick('AC', { L: 0.77, H: 0.44 });
  const privileges = pick('PR', scopeChanged ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 });
  const interaction = pick('UI', { N: 0.85, R: 0.62 });
  const impacts = ['C', 'I', 'A'].map((k) => pick(k, { H: 0.56, L: 0.22, N: 0 }));
  if (attackVector === undefined || complexity === undefined || privileges === undefined || interaction === undefined || impacts.some((i) => i === undefined)) return null;
  const [c, i, a] = impacts as [number, number, number];
  const baseImpact = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scopeChanged ? 7.52 * (baseImpact - 0.029) - 3.25 * (baseImpact - 0.02) ** 15 : 6.42 * baseImpact;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * attackVector * complexity * privileges * interaction;
  return roundUp(Math.min(scopeChanged ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
}

/**
 * The score of a CVSS 4.0 vector (`CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`
 * → 9.3) by FIRST's macro-vector method, through `ae-cvss-calculator` (loaded on first use); null
 * when a base metric is missing or the vector does not parse.
 */
export function cvss4Score(vector: string): number | null {
  if (!/^CVSS:4\.0\//.test(vector.trim())) return null;
  calculator ??= require('ae-cvss-calculator') as typeof CvssCalculator;
  try {
    const cvss = new calculator.Cvss4P0(vector.trim());
    return cvss.isBaseFullyDefined() ? cvss.calculateScores().overall : null;
  } catch {
    return null;
  }
}

/** CVSS 3.1's Roundup: the smallest one-decimal number at or above x, free of floating-point noise. */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

/** The qualitative rating of a CVSS score: 9.0+ critical, 7.0+ high, 4.0+ medium, 0.1+ low. */
export function cvssSeverity(score: number): ScanSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return score > 0 ? 'low' : 'unknown';
}
