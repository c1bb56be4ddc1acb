import { secretWordIn } from '../../engine/rules/dockerfile/secret-in-arg-or-env';

/** Values that say how to find a secret, or that no secret is set, rather than being one. */
const NOT_A_SECRET = /^(?:|\$\{?\w+\}?|\/\S*|true|false|yes|no|on|off|null|none|\d{1,5}|\*+|<[^>]*>|x+)$/i;

/**
 * Whether `NAME=value` (an image's env, a build argument in its history) holds a secret: a
 * secret-looking name, judged as the Dockerfile rule `secret-in-arg-or-env` judges it, with a
 * value that is not empty, a path, a variable reference, a flag or a small number. Returns the
 * word that made the name look secret, or null. The one place the built-in scanner asks; it can
 * be pointed at a value-aware detector without touching the rules that call it.
 */
export function secretAssignment(name: string, value: string): string | null {
  const word = secretWordIn(name);
  if (!word) return null;
  return NOT_A_SECRET.test(value.trim()) ? null : word;
}

/** `NAME=value` split at the first `=`; null without one. */
export function splitAssignment(text: string): { name: string; value: string } | null {
  const eq = text.indexOf('=');
  return eq > 0 ? { name: text.slice(0, eq), value: text.slice(eq + 1) } : null;
}
