import { Copy, type Instruction } from 'dockerfile-ast';
import { copyArguments } from '../../dockerfile/copyArguments';
import { fromFlagOf } from '../../dockerfile/copyFrom';
import { chainRoot, finalChain } from '../../dockerfile/finalImage';
import { npmInstallOfProject, npmOmitsDev } from '../../dockerfile/packageManagers';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { mountsOf } from '../../dockerfile/runMounts';
import { defineRule } from '../../rule';
import type { Suggestion } from '../../types';
import type { Stage } from '../../../parse/dockerfileModel';
import type { RunScript } from '../../../parse/shell/runScripts';
import { flagsOf, operandsOf, type ShellCommand, type ShellWord } from '../../../parse/shell/shellScript';

const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

/** Options `npm ci` takes as `npm install` does; with any other the rewrite is not offered. */
const CI_OPTIONS = new Set([
  'omit', 'include', 'production', 'only', 'ignore-scripts', 'audit', 'no-audit', 'fund', 'no-fund', 'loglevel', 'quiet', 'silent', 'verbose', 'q', 's', 'd',
  'legacy-peer-deps', 'strict-peer-deps', 'no-optional', 'foreground-scripts', 'unsafe-perm', 'cache', 'prefer-offline', 'prefer-online', 'offline',
  'registry', 'userconfig', 'prefix', 'C', 'workspace', 'w', 'workspaces', 'ws', 'include-workspace-root', 'progress', 'no-progress', 'color', 'no-color',
]);

/** npm commands that run the project's scripts or tools, which may need devDependencies. */
const NPM_SCRIPT_COMMANDS = new Set(['run', 'run-script', 'rum', 'urn', 'test', 't', 'tst', 'start', 'exec', 'x', 'rebuild', 'rb', 'pack', 'publish']);

/**
 * Not in hadolint, BuildKit or Trivy: a bare `npm install` in a stage that reaches the final
 * image. The rewrite to `npm ci --omit=dev` is an editor suggestion, never part of fix-all or
 * `check --fix`: `npm ci` fails where the lockfile and package.json disagree, and leaving the
 * devDependencies out breaks a later build step or an app that imports one, which the engine
 * cannot see. It is offered only when a lockfile is copied (or bind-mounted) by name before the
 * RUN; otherwise it is shown disabled with the reason.
 */
export default defineRule({
  meta: {
    id: 'npm-install-instead-of-ci',
    title: 'npm install in the final image instead of npm ci --omit=dev',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'supply-chain',
    profile: 'strict',
    refs: {},
    fixable: false,
    rationale:
      '`npm install` is the command for changing dependencies: it resolves version ranges again where package.json allows it, may rewrite the lockfile, and installs the devDependencies (test runners, compilers, linters) into the image that ships. `npm ci` installs exactly what the lockfile records, fails loudly when package.json and the lockfile disagree, and with `--omit=dev` (npm 7 and later; `--production` for npm 6, Node 14 and older) leaves the devDependencies out. Build with the devDependencies in an earlier stage and copy the result. The rewrite is offered in the editor when a lockfile is copied before the `RUN`, and never applied by fix-all or `check --fix`: a build step or an import that needs a devDependency would break, which only you can tell. In `strict`, since the move to `npm ci` needs a committed lockfile.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n' },
  },
  check(context) {
    const chain = finalChain(context.dockerfile);
    const runs = context.dockerfile.runs().filter((r) => chain.includes(r.stage));
    runs.forEach((run, index) => {
      for (const command of run.script.commands) {
        const install = npmInstallOfProject(command);
        if (!install) continue;
        const omitsDev = npmOmitsDev(command);
        context.report({
          range: run.range(command.start, command.end),
          message: omitsDev
            ? 'npm install in the final image may resolve versions again; npm ci installs exactly what the lockfile records'
            : 'npm install in the final image resolves versions again and installs the devDependencies; use npm ci --omit=dev (build with devDependencies in an earlier stage)',
          suggestions: [ciSuggestion(chain, runs.slice(index), run, command, install, omitsDev)],
        });
      }
    });
  },
});

function ciSuggestion(chain: readonly Stage[], runsFromHere: readonly RunScript[], run: RunScript, command: ShellCommand, install: ShellWord, omitsDev: boolean): Suggestion {
  const omit = omitsDev ? null : npmSixOrOlder(run.stage) ? '--production' : '--omit=dev';
  const edits = [{ range: run.range(install.start, install.end), newText: run.form === 'exec' ? '"ci"' : 'ci' }];
  if (omit) edits.push(insertArgumentAfter(run, install, omit));
  const suggestion: Suggestion = { title: `Use npm ci${omit ? ` ${omit}` : ''}`, edits };
  const foreign = flagsOf(command).find((f) => !CI_OPTIONS.has(f.name));
  const script = omit ? laterScriptCommand(runsFromHere, command) : undefined;
  if (!lockfileBefore(chain, run)) suggestion.disabledReason = 'no package-lock.json or npm-shrinkwrap.json is copied by name before this RUN, and npm ci fails without one';
  else if (foreign) suggestion.disabledReason = `npm ci may not take ${foreign.word.value ?? foreign.word.text}`;
  else if (script) suggestion.disabledReason = `${script} runs later in the image and may need the devDependencies; build in an earlier stage first`;
  return suggestion;
}

/** A COPY of a lockfile (by its name) earlier in the chain, or a mount of one on this RUN. */
function lockfileBefore(chain: readonly Stage[], run: RunScript): boolean {
  if (mountsOf(run.run).some((m) => m.type === 'bind' && m.target !== null && LOCKFILES.has(baseName(m.target)))) return true;
  const line = run.run.getRange().start.line;
  for (const stage of chain.slice(0, chain.indexOf(run.stage) + 1)) {
    for (const instruction of stage.instructions) {
      if (instruction.getRange().start.line >= line) break;
      if (copiesLockfile(instruction)) return true;
    }
  }
  return false;
}

function copiesLockfile(instruction: Instruction): boolean {
  if (!(instruction instanceof Copy) || fromFlagOf(instruction)) return false;
  const words = copyArguments(instruction);
  return words.slice(0, -1).some((w) => LOCKFILES.has(baseName(w.value)));
}

function baseName(path: string): string {
  return path.split('/').filter((part) => part !== '').pop() ?? '';
}

/** `npm run build`, `npx tsc`… after `command`, in the same RUN or a later one of the final image. */
function laterScriptCommand(runs: readonly RunScript[], after: ShellCommand): string | undefined {
  for (const run of runs) {
    for (const command of run.script.commands) {
      if (run === runs[0] && command.start <= after.start) continue;
      const sub = command.program === 'npm' ? operandsOf(command)[0]?.value : null;
      if (command.program === 'npx' || (sub && NPM_SCRIPT_COMMANDS.has(sub))) return run.script.text.slice(command.start, command.end).split('\n')[0];
    }
  }
  return undefined;
}

/** The chain's base is `node` 14 or older, whose npm 6 knows `--production` but not `--omit`. */
function npmSixOrOlder(stage: Stage): boolean {
  const reference = chainRoot(stage).base.reference;
  if (!reference || !/^(?:library\/)?node$/.test(reference.repository)) return false;
  const major = /^(\d+)(?:[.-]|$)/.exec(reference.tag ?? '')?.[1];
  return major !== undefined && Number(major) <= 14;
}
