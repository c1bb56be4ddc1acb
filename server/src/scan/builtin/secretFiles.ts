import * as path from 'path';
import { secretAssignment, splitAssignment } from './secretValues';

/** What a file holding a credential is, in words for a finding. */
export interface SecretFile {
  kind: 'private-key' | 'credential';
  what: string;
}

/** PEM private keys of every kind OpenSSL and OpenSSH write (not public keys or certificates). */
const PEM_KEY = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;

/** Files this size or smaller are looked into for a PEM key, whatever their name. */
export const KEY_SNIFF_BYTES = 16 * 1024;
/** Credential files are read up to this size. */
export const CREDENTIAL_FILE_BYTES = 256 * 1024;

/** Whether a file by this path is one of the credential files `classifySecretFile` reads. */
export function isCredentialFileName(filePath: string): boolean {
  const base = path.posix.basename(filePath);
  return (
    base === '.git-credentials' ||
    base === '.npmrc' ||
    base === '.env' ||
    base === '.pypirc' ||
    base === '.netrc' ||
    filePath.endsWith('.aws/credentials') ||
    filePath.endsWith('.docker/config.json')
  );
}

/**
 * What a file is, when it holds a secret: a PEM private key (any name), an AWS credentials file,
 * a Docker config with registry `auths` credentials, an `.npmrc` with an auth token, a
 * `.git-credentials` with a password, a `.netrc`/`.pypirc` with a password, an `.env` with a
 * secret-looking assignment. Null otherwise.
 */
export function classifySecretFile(filePath: string, content: Buffer): SecretFile | null {
  const text = content.toString('utf8');
  if (PEM_KEY.test(text)) return { kind: 'private-key', what: 'a private key' };
  if (!isCredentialFileName(filePath)) return null;
  const base = path.posix.basename(filePath);
  if (filePath.endsWith('.aws/credentials') && /aws_secret_access_key\s*=\s*\S/i.test(text)) return { kind: 'credential', what: 'AWS credentials' };
  if (filePath.endsWith('.docker/config.json') && dockerAuths(text)) return { kind: 'credential', what: 'registry credentials (Docker config auths)' };
  if (base === '.npmrc' && /(?:_authToken|_auth|_password)\s*=\s*\S/.test(text)) return { kind: 'credential', what: 'an npm registry token' };
  if (base === '.git-credentials' && /^\w[\w+.-]*:\/\/[^:/\s]+:[^@\s]+@/m.test(text)) return { kind: 'credential', what: 'Git credentials' };
  if ((base === '.netrc' || base === '.pypirc') && /\bpassword\s*[=\s]\s*\S/i.test(text)) return { kind: 'credential', what: `a password (${base})` };
  if (base === '.env' && envFileHasSecret(text)) return { kind: 'credential', what: 'secrets in an .env file' };
  return null;
}

function dockerAuths(text: string): boolean {
  try {
    const config = JSON.parse(text) as { auths?: Record<string, { auth?: string; identitytoken?: string }> };
    return Object.values(config.auths ?? {}).some((a) => Boolean(a?.auth || a?.identitytoken));
  } catch {
    return false;
  }
}

function envFileHasSecret(text: string): boolean {
  return text.split('\n').some((line) => {
    const assignment = splitAssignment(line.trim().replace(/^export\s+/, ''));
    return assignment !== null && secretAssignment(assignment.name.trim(), assignment.value.trim().replace(/^(["'])(.*)\1$/, '$2')) !== null;
  });
}
