/**
 * A value-aware secret detector: judges one NAME + VALUE pair (a Dockerfile `ARG`/`ENV`, an
 * image's config `Env` entry, a variable in its history). Pure functions, no rule dependencies,
 * so the Dockerfile rule and the image scanner share one judgement.
 *
 * The order of the checks is the API's contract:
 * 1. a value in a well-known credential format is a secret whatever the name;
 * 2. a value that is plainly public is not a secret even under a secret-looking name (empty, a
 *    `${VAR}` reference, a path, a URL without credentials, a public key or certificate, a
 *    GPG/PGP key fingerprint under a GPG/PGP name, a boolean);
 * 3. otherwise the name decides, with BuildKit's SecretsUsedInArgOrEnv words.
 */

export interface SecretJudgement {
  secret: boolean;
  /** Why, in words that complete "… is / is not a secret: <reason>". */
  reason: string;
  /** For a secret: the credential format (`github-token`, …) or `secret-name` when only the name says so. */
  kind?: string;
}

/** BuildKit's SecretsUsedInArgOrEnv deny words (frontend/dockerfile/dockerfile2llb/validations.go). */
const SECRET_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
/** A name with one of these words names something about a secret, not the secret itself. */
const ALLOWED_WORDS = new Set(['public', 'file', 'version']);
/** Name words under which a hexadecimal value is a key fingerprint (the official images' `GPG_KEYS`). */
const FINGERPRINT_WORDS = new Set(['gpg', 'pgp', 'gnupg', 'fingerprint', 'fingerprints', 'keyid', 'keyids']);

interface CredentialFormat {
  kind: string;
  label: string;
  pattern: RegExp;
}

/** Credential formats with a fixed, documented shape; each found anywhere in the value. */
const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  { kind: 'private-key', label: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'aws-access-key-id', label: 'an AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])/ },
  { kind: 'github-token', label: 'a GitHub token', pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})(?![A-Za-z0-9_])/ },
  { kind: 'gitlab-token', label: 'a GitLab token', pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/ },
  { kind: 'slack-token', label: 'a Slack token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'slack-webhook', label: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/ },
  { kind: 'npm-token', label: 'an npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { kind: 'google-api-key', label: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { kind: 'stripe-key', label: 'a Stripe secret key', pattern: /(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{24,}/ },
  { kind: 'jwt', label: 'a JSON Web Token', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  // user:password@ in a URL, unless the password is itself a variable reference.
  { kind: 'url-credentials', label: 'a URL with a password in it', pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:(?!\$)[^\s/@]+@[^\s/]/i },
];

/** Values that say nothing: a reference to another variable (with an empty or no default). */
const REFERENCE_ONLY = /^(?:\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*(?::?[-+?](?:\$[A-Za-z_]\w*|\$\{[A-Za-z_]\w*\})?)?\}))+$/;
const PUBLIC_KEY = /^(?:(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+|-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK|CERTIFICATE)-----)/;
const PATH = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)[^\s]*$/;
const URL_WITHOUT_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^\s@?#]+$/i;
const BOOLEAN = /^(?:true|false|yes|no|on|off|enabled?|disabled?)$/i;
/** Lengths in hexadecimal digits of a long key id, a v4 and a v5 OpenPGP fingerprint. */
const FINGERPRINT_LENGTHS = new Set([16, 40, 64]);

/**
 * The words of a variable name: `_`-delimited as BuildKit splits them, and camelCase split too,
 * so that `dbPassword` and `APIKey` are caught as well as `DB_PASSWORD` and `API_KEY`.
 */
export function nameWords(name: string): string[] {
  return name
    .split('_')
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .map((word) => word.toLowerCase());
}

/** The deny word that makes `name` look like a secret, or null (also when an allow word exempts it). */
export function secretWordIn(name: string): string | null {
  const words = nameWords(name);
  if (words.some((w) => ALLOWED_WORDS.has(w))) return null;
  return words.find((w) => SECRET_WORDS.has(w)) ?? null;
}

/** Something every credential format above contains: most values are rejected by this one test. */
const ANY_FORMAT_HINT = /PRIVATE KEY|A(?:KIA|SIA|BIA|CCA|3T)|gh[pousr]_|github_pat_|glpat-|xox|hooks\.slack|npm_|AIza|k_live_|eyJ|:\/\//;

/** The well-known credential format `value` contains, or null. */
export function credentialFormatOf(value: string): { kind: string; label: string } | null {
  if (!ANY_FORMAT_HINT.test(value)) return null;
  const found = CREDENTIAL_FORMATS.find((format) => format.pattern.test(value));
  return found ? { kind: found.kind, label: found.label } : null;
}

/**
 * One or more OpenPGP fingerprints or long key ids, each whole (`0x` prefix allowed) or, as
 * `gpg --fingerprint` prints one, in space-separated groups of four.
 */
function isFingerprintList(value: string): boolean {
  const tokens = value.split(/\s+/).map((token) => token.replace(/^0x/i, ''));
  if (!tokens.every((token) => /^[0-9A-Fa-f]+$/.test(token))) return false;
  if (tokens.every((token) => token.length === 4)) return tokens.length % 10 === 0 || tokens.length === 4 || tokens.length === 16;
  return tokens.every((token) => FINGERPRINT_LENGTHS.has(token.length));
}

/** Why `value` is plainly public under `name`, or null when it may be a secret. */
function publicValueReason(name: string, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'its value is empty';
  if (REFERENCE_ONLY.test(trimmed)) return `its value is a reference to another variable (${trimmed})`;
  if (PUBLIC_KEY.test(trimmed)) return 'its value is a public key or certificate';
  if (PATH.test(trimmed)) return `its value is a path (${trimmed}), not the secret itself`;
  if (URL_WITHOUT_CREDENTIALS.test(trimmed)) return 'its value is a URL without credentials';
  if (BOOLEAN.test(trimmed)) return 'its value is a switch';
  if (isFingerprintList(trimmed) && nameWords(name).some((w) => FINGERPRINT_WORDS.has(w))) return 'its value is a GPG/PGP key fingerprint, which is public';
  return null;
}

/**
 * Judges one variable. `value` is the value as the builder sees it (quotes removed); `null` or
 * `undefined` when there is none in the file (an `ARG` without a default, whose value comes from
 * `--build-arg`): then only the name can tell.
 */
export function judgeSecret(name: string, value: string | null | undefined): SecretJudgement {
  if (value !== null && value !== undefined) {
    const format = credentialFormatOf(value);
    if (format) return { secret: true, reason: `its value is ${format.label}`, kind: format.kind };
    const isPublic = publicValueReason(name, value);
    if (isPublic) return { secret: false, reason: isPublic };
  }
  const word = secretWordIn(name);
  if (word) return { secret: true, reason: `its name contains "${word}"`, kind: 'secret-name' };
  return { secret: false, reason: 'neither its name nor its value looks like a secret' };
}
