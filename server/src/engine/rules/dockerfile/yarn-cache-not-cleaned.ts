import { finalChain } from '../../dockerfile/finalImage';
import { appendCommand } from '../../dockerfile/runEdits';
import { mountsOf } from '../../dockerfile/runMounts';
import { subcommandOf, type ShellCommand } from '../../../parse/shell/shellScript';
import { defineRule } from '../../rule';

/** The first argument that is not an option: yarn's subcommand, or undefined for a bare `yarn`. */
function firstOperand(command: ShellCommand): string | null | undefined {
  const word = command.args.find((w) => !(w.value ?? w.text).startsWith('-'));
  return word ? word.value : undefined;
}

/**
 * hadolint DL3060: `yarn install` (or a bare `yarn`, which installs) in a RUN that does not run
 * `yarn cache clean`. A cache or tmpfs mount over a yarn cache directory exempts it, and only
 * stages that reach the final image are judged (a builder's cache never ships).
 */
export default defineRule({
  meta: {
    id: 'yarn-cache-not-cleaned',
    title: 'yarn cache left in the image',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3060'] },
    fixable: true,
    rationale:
      'Yarn keeps a copy of every package it downloads in its cache directory, often as large as `node_modules` itself. A layer keeps whatever its RUN leaves, so run `yarn cache clean` in the same RUN as `yarn install`, or mount a cache (`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn`). Builder stages whose files are copied selectively are not judged.',
    compliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nRUN yarn install --frozen-lockfile && yarn cache clean\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM node:24-slim\nRUN yarn install --frozen-lockfile\n' },
  },
  check(context) {
    const shipped = new Set(finalChain(context.dockerfile));
    for (const run of context.dockerfile.runs()) {
      if (!shipped.has(run.stage)) continue;
      const commands = run.script.commands;
      const install = commands.find((c) => c.program === 'yarn' && (firstOperand(c) === undefined || firstOperand(c) === 'install'));
      if (!install) continue;
      if (commands.some((c) => subcommandOf(c, 'yarn', ['cache']) && c.args.some((w) => w.value === 'clean'))) continue;
      if (mountsOf(run.run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && /yarn/.test(m.target ?? ''))) continue;
      const edit = appendCommand(run, 'yarn cache clean');
      context.report({
        range: run.range(install.start, install.end),
        message: 'yarn install leaves its package cache in this layer; run yarn cache clean in the same RUN',
        ...(edit ? { fix: { title: 'Add yarn cache clean', edits: [edit] } } : {}),
      });
    }
  },
});
