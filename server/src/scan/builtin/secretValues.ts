import { judgeSecret } from '../../engine/secrets';

/** Values that say how to find a secret, or that no secret is set, rather than being one. */
const NOT_A_SECRET = /^(?:|\$\{?\w+\}?|\/\S*|true|false|yes|no|on|off|null|none|\d{1,5}|\*+|<[^>]*>|x+)$/i;

/**
 * Whether `NAME=value` (an image's env, a build argument in its history) holds a secret, judged
 * by the value-aware detector the Dockerfile rules use: a credential-shaped value whatever the
 * name; otherwise a secret-looking name whose value is not plainly public, and — as image config
 * is full of settings such as `AUTH_ENABLED=true` — not a flag, a small number or a placeholder.
 * Returns why (completing "… is a secret: <why>"), or null.
 */
export function secretAssignment(name: string, value: string): string | null {
  const judgement = judgeSecret(name, value);
  if (!judgement.secret) return null;
  if (judgement.kind === 'secret-name' && NOT_A_SECRET.test(value.trim())) return null;
  return judgement.reason;
}

/** `NAME=value` split at the first `=`; null without one. */
export function splitAssignment(text: string): { name: string; value: string } | null {
  const eq = text.indexOf('=');
  return eq > 0 ? { name: text.slice(0, eq), value: text.slice(eq + 1) } : null;
}
