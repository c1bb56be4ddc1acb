import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultConfig, lint } from '../../server/src/engine';
import { FIXTURES } from '../support/paths';

const fixture = (rule: string, file: string): string => fs.readFileSync(path.join(FIXTURES, 'rules', rule, file), 'utf8');

/** `line:message` of one rule's findings, every one (duplicates included). */
function findings(text: string, ruleId: string, level: 'baseline' | 'restricted' = 'restricted'): string[] {
  return lint({ fileName: 'run.yaml', text, config: { ...defaultConfig(), podSecurityLevel: level } })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.range.start.line + 1}:${f.message.replace(/ — violates.*/, '')}`);
}

describe('Tekton runs: what a TaskRun or PipelineRun sets for its tasks\' pods', () => {
  it('reports a run-level podTemplate setting that every task pod gets once, and a taskRunSpec podTemplate\'s for its task even when the Pipeline is referenced', () => {
    assert.deepEqual(findings(fixture('host-namespace-shared', 'tekton-task-run-specs.yaml'), 'host-namespace-shared', 'baseline'), [
      '15:PipelineRun "nightly" shares the node\'s network namespace (hostNetwork: true)',
      '27:PipelineRun "inline" shares the node\'s network namespace (hostNetwork: true)',
      '56:PipelineRun "old" shares the node\'s process (PID) namespace (hostPID: true)',
      '73:TaskRun "by-reference" shares the node\'s IPC namespace (hostIPC: true)',
    ]);
  });

  it('reads a run\'s task-level computeResources, stepSpecs and sidecarSpecs over the containers\' own, and says where the missing values come from', () => {
    assert.deepEqual(findings(fixture('resources-unset', 'tekton-runs.yaml'), 'resources-unset'), [
      '20:Sidecar "cache" of TaskRun "task-level" sets no requests.cpu, requests.memory, limits.cpu, limits.memory in computeResources, so it can take what its neighbours need (or be evicted first)',
      '45:Step "build" of TaskRun "task-level-requests-only" gets no limits.cpu, limits.memory from the run\'s computeResources (they replace every step\'s own), so it can take what its neighbours need (or be evicted first)',
      '71:Step "test" of TaskRun "step-specs" sets no requests.cpu, requests.memory, limits.cpu, limits.memory in computeResources, so it can take what its neighbours need (or be evicted first)',
      '107:Step "publish" of PipelineRun "per-task" sets no requests.cpu, requests.memory, limits.cpu, limits.memory in computeResources, so it can take what its neighbours need (or be evicted first)',
      '132:Step "vet" of PipelineRun "per-task-v1beta1" sets no requests.cpu, requests.memory, limits.cpu, limits.memory in computeResources, so it can take what its neighbours need (or be evicted first)',
    ]);
  });

  it('lets a taskRunSpec\'s securityContext replace the run\'s for its task', () => {
    assert.deepEqual(findings(fixture('run-as-root-allowed', 'tekton-task-run-specs.yaml'), 'run-as-root-allowed').map((f) => f.replace(/:.*/, '')), ['16']);
  });
});
