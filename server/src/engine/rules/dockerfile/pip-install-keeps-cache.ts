import { Env } from 'dockerfile-ast';
import type { Stage } from '../../../parse/dockerfileModel';
import { finalChain } from '../../dockerfile/finalImage';
import { isTruthyPipSetting, pipInstall } from '../../dockerfile/packageManagers';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { hasCacheMountOver } from '../../dockerfile/runMounts';
import { propertiesOf } from '../../../parse/properties';
import { defineRule } from '../../rule';

/** `ENV PIP_NO_CACHE_DIR=1` in the stage or a stage it is built on. */
function stageDisablesPipCache(stage: Stage): boolean {
  for (let s: Stage | null = stage; s; s = s.base.stage) {
    for (const i of s.instructions) {
      if (i instanceof Env && propertiesOf(i).some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && isTruthyPipSetting(p.getValue()))) return true;
    }
  }
  return false;
}

/**
 * hadolint DL3042 with its exemptions: `PIP_NO_CACHE_DIR` set truthy (by ENV, or on the command
 * line), a cache or tmpfs mount over `.cache/pip`, and pipx/pipenv. Only stages in the final
 * image's chain are judged: a builder's cache is not shipped.
 */
export default defineRule({
  meta: {
    id: 'pip-install-keeps-cache',
    title: 'pip install keeps its download cache',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3042'] },
    fixable: true,
    rationale:
      'pip keeps every wheel it downloaded or built in ~/.cache/pip so that the next install on the same machine is faster. In an image there is no next install, and the cache, often as large as the packages themselves, stays in the layer. `pip install --no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`, or a cache mount at /root/.cache/pip) leaves it out.',
    compliant: { fileName: 'Dockerfile', text: 'FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n' },
  },
  check(context) {
    const shipped = new Set(finalChain(context.dockerfile));
    for (const run of context.dockerfile.runs()) {
      if (!shipped.has(run.stage) || hasCacheMountOver(run.run, '.cache/pip') || stageDisablesPipCache(run.stage)) continue;
      for (const command of run.script.commands) {
        const install = pipInstall(command);
        if (!install || command.args.some((w) => w.value === '--no-cache-dir')) continue;
        if (command.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR' && isTruthyPipSetting(a.value))) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: 'pip install keeps the downloaded wheels in ~/.cache/pip in this layer; add --no-cache-dir',
          fix: { title: 'Add --no-cache-dir', edits: [insertArgumentAfter(run, install, '--no-cache-dir')] },
        });
      }
    }
  },
});
