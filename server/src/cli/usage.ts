/** Help texts. The synopsis lines are the contract in DESIGN.md; keep them identical. */

import { projectLinks } from './projectLinks';

export type HelpTopic = 'main' | 'check' | 'rules' | 'scan' | 'pin';

const CHECK_SYNOPSIS = `seaworthy check [PATH|GLOB ...] [--format text|json|sarif] [--config FILE]
                [--severity-threshold LEVEL] [--fix] [--no-gitignore]`;
const RULES_SYNOPSIS = 'seaworthy rules [--format text|json|markdown]';
const PIN_SYNOPSIS = 'seaworthy pin [PATH ...]';
const SCAN_SYNOPSIS = `seaworthy scan IMAGE… [--engine auto|trivy|grype|docker-scout|builtin] [--platform OS/ARCH]
               [--format text|json|sarif|cyclonedx] [--severity-threshold LEVEL]
seaworthy scan --report FILE [--report-format trivy|grype|sarif|cyclonedx] [--dockerfile PATH] [--format …]`;

const EXIT_CODES = `Exit codes:
  0  no finding at or above the threshold
  1  findings at or above the threshold
  2  usage error, or an input error (a missing or unreadable file; the others are still checked)`;

const TEXTS: Record<HelpTopic, string> = {
  main: `Seaworthy: secure container authoring for Dockerfiles, Kubernetes manifests and Compose files.

Usage:
  ${CHECK_SYNOPSIS.replace(/\n/g, '\n  ')}
  ${RULES_SYNOPSIS}
  ${SCAN_SYNOPSIS.replace(/\n/g, '\n  ')}
  ${PIN_SYNOPSIS}
  seaworthy --help | --version
  seaworthy <command> --help

${EXIT_CODES}`,
  check: `Usage:
  ${CHECK_SYNOPSIS.replace(/\n/g, '\n  ')}

Checks Dockerfiles and Containerfiles (by name) and Kubernetes and Compose YAML (by content).
With no PATH, checks the current directory. Directories are walked, skipping node_modules,
dot-directories and what .gitignore files name (as git reads them, from the repository's top
down); a file named on the command line is always checked. Quote globs ('k8s/**/*.yaml') to let
seaworthy expand them.

Options:
  --format FORMAT              text (default), json or sarif (SARIF 2.1.0)
  --config FILE                use FILE instead of the nearest .seaworthy.yaml of each file
  --severity-threshold LEVEL   error, warning (default), info or hint: the lowest severity
                               that makes the exit code 1
  --fix                        apply every available fix, writing each file atomically, then
                               report what remains
  --no-gitignore               walk directories without leaving out what .gitignore files name
  -h, --help                   show this help

${EXIT_CODES}`,
  pin: `Usage:
  ${PIN_SYNOPSIS}

Pins each FROM image and image: value written as a tag to the digest its registry serves now,
keeping the tag for readers (node:22-slim becomes node:22-slim@sha256:…). With no PATH, pins
./Dockerfile. Registries are reached as the built-in scanner reaches them (logins from
~/.docker/config.json; plain HTTP only for loopback hosts and SEAWORTHY_INSECURE_REGISTRIES).
Each file is written atomically with the pins that resolved.

Options:
  -h, --help        show this help

Exit codes:
  0  every image was pinned (or nothing needed it)
  2  usage error, a file that cannot be read or written, or an image that could not be resolved
     (the others are still pinned)`,
  rules: `Usage:
  ${RULES_SYNOPSIS}

Prints the rule catalogue: id, default severity, what it applies to, category, whether it is
fixable, its title and the same control in other tools' catalogues.

Options:
  --format FORMAT   text (default), json or markdown
  -h, --help        show this help`,
  scan: `Usage:
  ${SCAN_SYNOPSIS.replace(/\n/g, '\n  ')}

Scans images with an installed scanner, or imports a scanner's report (Trivy JSON, Grype JSON,
SARIF from Trivy, Grype or Docker Scout, CycloneDX), and prints one result per image.

Options:
  --report FILE                import FILE instead of scanning
  --report-format FORMAT       trivy, grype, sarif or cyclonedx (default: told from the content)
  --dockerfile PATH            report each image against the FROM line that brings it in (an
                               image no FROM names goes on the final stage's FROM)
  --format FORMAT              text (default), json or sarif (SARIF 2.1.0)
  --severity-threshold LEVEL   critical, high, medium (default), low or unknown (check's error,
                               warning, info and hint mean high, medium, low and unknown): the
                               lowest severity that makes the exit code 1
  --engine ENGINE              auto (default), trivy, grype, docker-scout or builtin
  --platform OS/ARCH           the platform of a multi-platform image, e.g. linux/arm64
  --osv-db PATH                an OSV database (a folder of OSV JSON files, or osv.dev's
                               per-ecosystem all.zip) the builtin engine matches packages against
  -h, --help                   show this help

${EXIT_CODES.replace('a missing or unreadable file; the others are still checked', 'a missing or unreadable report or Dockerfile, a scanner that failed')}`,
};

export function helpText(topic: HelpTopic): string {
  const home = topic === 'main' ? projectLinks().home : null;
  return `${TEXTS[topic]}${home ? `\n\nDocs: ${home}` : ''}\n`;
}

/** The short form printed under a usage error. */
export function usageLine(topic: HelpTopic): string {
  switch (topic) {
    case 'check':
      return `Usage: ${CHECK_SYNOPSIS.replace(/\n\s+/, ' ')}\nRun 'seaworthy check --help' for details.\n`;
    case 'rules':
      return `Usage: ${RULES_SYNOPSIS}\nRun 'seaworthy rules --help' for details.\n`;
    case 'pin':
      return `Usage: ${PIN_SYNOPSIS}\nRun 'seaworthy pin --help' for details.\n`;
    case 'scan':
      return `Usage: ${SCAN_SYNOPSIS.split('\n')[0]}\n       ${SCAN_SYNOPSIS.split('\n')[2]}\nRun 'seaworthy scan --help' for details.\n`;
    case 'main':
      return `Usage: seaworthy <check|scan|pin|rules> [options]\nRun 'seaworthy --help' for details.\n`;
  }
}
