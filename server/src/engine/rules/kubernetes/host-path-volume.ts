import { mapAt, scalarString } from '../../kubernetes/objects';
import { sensitiveHostPath } from '../../kubernetes/hostPaths';
import { admissionMessage, enforcedLevel, objectLabel, podSpecs, volumeSource, volumesOf } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * A `hostPath` volume mounts a directory of the node into the pod. The baseline Pod Security
 * Standard forbids it (`hostPathVolumes`); at the restricted level the same volume fails the
 * `restrictedVolumes` check instead, and this rule reports it under that name. No fix: removing a
 * mount is the author's decision.
 */
export default defineRule({
  meta: {
    id: 'host-path-volume',
    title: 'Pod mounts a hostPath volume',
    defaultSeverity: 'error',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [
        { level: 'baseline', control: 'hostPathVolumes' },
        { level: 'restricted', control: 'restrictedVolumes' },
      ],
      trivy: ['KSV-0023', 'KSV-0006'],
      polaris: ['hostPathSet'],
      kubeLinter: ['docker-sock', 'sensitive-host-mounts'],
      checkov: ['CKV_K8S_27'],
    },
    fixable: false,
    rationale:
      "A `hostPath` volume gives the pod a directory of the node's own file system. The message names what a well-known path exposes: the container runtime's socket (and with it every container on the node), the kubelet's credentials, other pods' data or the host's configuration; even a harmless-looking path can be used to escape through symlinks. The baseline Pod Security Standard forbids `hostPath` volumes outright. Use a `persistentVolumeClaim`, `emptyDir`, `configMap`, `secret` or `projected` volume instead.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: cache\n      emptyDir: {}\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n',
    },
  },
  check(context) {
    const restricted = enforcedLevel(context) === 'restricted';
    for (const { object, site } of podSpecs(context)) {
      for (const volume of volumesOf(site.spec)) {
        const source = volumeSource(volume.node, ['hostPath']);
        if (!source) continue;
        const path = scalarString(mapAt(volume.node, ['hostPath'])?.get('path', true));
        const name = `volume "${volume.name ?? ''}"`;
        const exposes = path ? sensitiveHostPath(path) : null;
        const what = `${objectLabel(object)} mounts the node's ${path ? `path ${path}` : 'file system'} as ${name} (hostPath)${exposes ? `, which is ${exposes}` : ''}`;
        context.report({
          range: context.rangeOfPair(source.pair),
          message: restricted
            ? admissionMessage(context, what, 'restricted volume types', `${name} uses restricted volume type "hostPath"`)
            : admissionMessage(context, what, 'hostPath volumes', name),
        });
      }
    }
  },
});
