import { defineRule } from '../../rule';
import { earlierStage } from '../../dockerfile/copyFrom';
import { globalArgDefaults } from '../../dockerfile/globalArgDefaults';
import { expandArgs } from '../../../parse/dockerfileModel';

/**
 * BuildKit InvalidDefaultArgInFrom: a FROM image built from global ARGs whose defaults (an ARG
 * without one is empty) give an empty or malformed reference, so a build without `--build-arg`
 * fails. Stage names and `scratch` are valid; a value that cannot be expanded is left alone.
 */
export default defineRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    title: 'FROM image is empty or invalid with the ARG defaults',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'hygiene',
    refs: { buildkit: ['InvalidDefaultArgInFrom'] },
    fixable: false,
    rationale:
      '`ARG TAG` followed by `FROM busybox:${TAG}` builds only when every build passes `--build-arg TAG=…`: without it the image is `busybox:`, which is not a reference, and the build stops (or an empty `${IMAGE}` leaves FROM with nothing). Give the ARG a default (`ARG TAG=1.37`) or the FROM a fallback (`${TAG:-1.37}`), so that a plain `docker build` works and tools that read the Dockerfile know which image it means. Not fixable: the right default is yours to choose.',
    compliant: { fileName: 'Dockerfile', text: 'ARG TAG=1.37\nFROM busybox:${TAG}\nUSER 1000\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'ARG TAG\nFROM busybox:${TAG}\nUSER 1000\n' },
  },
  check(context) {
    const model = context.dockerfile;
    if (!model.stages.some((s) => s.base.written.includes('$'))) return;
    const defaults = globalArgDefaults(model);
    for (const stage of model.stages) {
      const written = stage.base.written;
      if (!written.includes('$')) continue;
      const image = expandArgs(written, defaults);
      if (image === null || image.toLowerCase() === 'scratch' || earlierStage(model, stage, image, false) || isValidReference(image)) continue;
      context.report({
        range: stage.base.range,
        message: `With the ARG defaults, FROM ${written} is ${image === '' ? 'empty' : `"${image}", not a valid image reference`}; give the ARG a default or use \${NAME:-default}`,
      });
    }
  },
});

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:]+\])(?::\d+)?$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}$/;

/** The distribution reference grammar: `[host[:port]/]path[:tag][@digest]`. */
function isValidReference(image: string): boolean {
  if (image === '') return false;
  let rest = image;
  const at = rest.indexOf('@');
  if (at !== -1) {
    if (!DIGEST.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    if (!TAG.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!HOST.test(first)) return false;
    parts.shift();
  }
  return parts.length > 0 && parts.every((p) => COMPONENT.test(p));
}
