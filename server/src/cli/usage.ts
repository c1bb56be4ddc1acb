/** Help texts. The synopsis lines are the contract in DESIGN.md; keep them identical. */

export type HelpTopic = 'main' | 'check' | 'rules' | 'scan';

const CHECK_SYNOPSIS = `seaworthy check [PATH|GLOB ...] [--format text|json|sarif] [--config FILE]
                [--severity-threshold LEVEL] [--fix]`;
const RULES_SYNOPSIS = 'seaworthy rules [--format text|json|markdown]';
const SCAN_SYNOPSIS = `seaworthy scan IMAGE [--engine auto|trivy|grype|docker-scout|builtin] [--format text|json|sarif]
seaworthy scan --report FILE [--report-format trivy|grype|scout-sarif] [--dockerfile PATH] [--format …]`;

const EXIT_CODES = `Exit codes:
  0  no finding at or above the threshold
  1  findings at or above the threshold
  2  usage error, or an input error (a missing or unreadable file; the others are still checked)`;

const TEXTS: Record<HelpTopic, string> = {
  main: `Seaworthy: secure container authoring for Dockerfiles, Kubernetes manifests and Compose files.

Usage:
  ${CHECK_SYNOPSIS.replace(/\n/g, '\n  ')}
  ${RULES_SYNOPSIS}
  seaworthy scan …        (not available yet)
  seaworthy --help | --version
  seaworthy <command> --help

${EXIT_CODES}

Docs: https://seaworthy.dev`,
  check: `Usage:
  ${CHECK_SYNOPSIS.replace(/\n/g, '\n  ')}

Checks Dockerfiles and Containerfiles (by name) and Kubernetes and Compose YAML (by content).
With no PATH, checks the current directory. Directories are walked, skipping node_modules and
dot-directories; quote globs ('k8s/**/*.yaml') to let seaworthy expand them.

Options:
  --format FORMAT              text (default), json or sarif (SARIF 2.1.0)
  --config FILE                use FILE instead of the nearest .seaworthy.yaml of each file
  --severity-threshold LEVEL   error, warning (default), info or hint: the lowest severity
                               that makes the exit code 1
  --fix                        apply every available fix, writing each file atomically, then
                               report what remains
  -h, --help                   show this help

${EXIT_CODES}`,
  rules: `Usage:
  ${RULES_SYNOPSIS}

Prints the rule catalogue: id, default severity, what it applies to, category, whether it is
fixable, its title and the same control in other tools' catalogues.

Options:
  --format FORMAT   text (default), json or markdown
  -h, --help        show this help`,
  scan: `Usage:
  ${SCAN_SYNOPSIS.replace(/\n/g, '\n  ')}

Image scans are not available yet in this version of the command line.`,
};

export function helpText(topic: HelpTopic): string {
  return `${TEXTS[topic]}\n`;
}

/** The short form printed under a usage error. */
export function usageLine(topic: HelpTopic): string {
  switch (topic) {
    case 'check':
      return `Usage: ${CHECK_SYNOPSIS.replace(/\n\s+/, ' ')}\nRun 'seaworthy check --help' for details.\n`;
    case 'rules':
      return `Usage: ${RULES_SYNOPSIS}\nRun 'seaworthy rules --help' for details.\n`;
    case 'scan':
      return `Usage: ${SCAN_SYNOPSIS.split('\n')[0]}\n`;
    case 'main':
      return `Usage: seaworthy <check|rules> [options]\nRun 'seaworthy --help' for details.\n`;
  }
}
