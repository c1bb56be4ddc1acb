import { finalChain } from '../../dockerfile/finalImage';
import { apkAdd } from '../../dockerfile/packageManagers';
import { insertArgumentAfter } from '../../dockerfile/runEdits';
import { hasCacheMountOver } from '../../dockerfile/runMounts';
import { defineRule } from '../../rule';
import { hasFlag } from '../../../parse/shell/shellScript';

/**
 * hadolint DL3019 and Trivy DS-0025, with hadolint's exemption (a cache or tmpfs mount over
 * /var/cache/apk); only stages in the final image's chain are judged.
 */
export default defineRule({
  meta: {
    id: 'apk-add-without-no-cache',
    title: 'apk add without --no-cache',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'minimal-image',
    refs: { hadolint: ['DL3019'], trivy: ['DS-0025'] },
    fixable: true,
    rationale:
      '`apk add` keeps the package index it downloaded in /var/cache/apk, and the layer keeps it for good. `apk add --no-cache` fetches the index, installs, and keeps nothing, so there is no `apk update` to run first and no `rm -rf /var/cache/apk/*` to remember.',
    compliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\nRUN apk add --no-cache curl\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM alpine:3.22\nRUN apk update && apk add curl\n' },
  },
  check(context) {
    const shipped = new Set(finalChain(context.dockerfile));
    for (const run of context.dockerfile.runs()) {
      if (!shipped.has(run.stage) || hasCacheMountOver(run.run, '/var/cache/apk')) continue;
      for (const command of run.script.commands) {
        const add = apkAdd(command);
        if (!add || hasFlag(command, 'no-cache')) continue;
        context.report({
          range: run.range(command.start, command.end),
          message: 'apk add keeps its package index in /var/cache/apk in this layer; add --no-cache',
          fix: { title: 'Add --no-cache', edits: [insertArgumentAfter(run, add, '--no-cache')] },
        });
      }
    }
  },
});
