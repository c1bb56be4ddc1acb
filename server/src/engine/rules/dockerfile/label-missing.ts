import { finalStage } from '../../../parse/dockerfileModel';
import { defineRule } from '../../rule';
import { finalImageLabelKeys } from '../../dockerfile/labels';

/**
 * hadolint DL3049: a label the `labelSchema` requires is missing from the image. Judged on the
 * final image (its stage and the stages it is built FROM), where hadolint asks it of every
 * stage: labels of a build stage never reach what ships.
 */
export default defineRule({
  meta: {
    id: 'label-missing',
    title: 'Image lacks a label the label schema requires',
    defaultSeverity: 'info',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { hadolint: ['DL3049'] },
    fixable: false,
    rationale:
      'A team that sets a label schema (`labelSchema` in `.seaworthy.yaml`, like hadolint\'s `label-schema`) relies on every image saying where it came from: the source repository, the revision, the licence, who to call. Registries, scanners and incident responders read those labels; an image without them cannot be traced back to its code. The check is on the final image, counting the stages it is built FROM; labels of a build stage never reach what ships. Without a schema the rule is silent. Not fixable: the value is yours to give.',
    compliant: {
      fileName: 'Dockerfile',
      config: 'labelSchema:\n  org.opencontainers.image.source: url\n',
      text: 'FROM alpine:3.21\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\nUSER 1000\n',
    },
    nonCompliant: {
      fileName: 'Dockerfile',
      config: 'labelSchema:\n  org.opencontainers.image.source: url\n',
      text: 'FROM alpine:3.21\nUSER 1000\n',
    },
  },
  check(context) {
    const schema = Object.keys(context.settings.labelSchema ?? {});
    const stage = finalStage(context.dockerfile);
    if (schema.length === 0 || !stage) return;
    const present = finalImageLabelKeys(context.dockerfile);
    for (const key of schema) {
      if (present.has(key)) continue;
      context.report({ range: stage.from.getRange(), message: `The image has no label "${key}", which the label schema requires; add LABEL ${key}=… to this stage` });
    }
  },
});
