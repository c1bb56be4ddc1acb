import {
  admissionMessage,
  enforces,
  objectLabel,
  OTHER_VOLUME_SOURCES,
  podSpecs,
  RESTRICTED_VOLUME_SOURCES,
  volumeSource,
  volumesOf,
} from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/** hostPath fails this check too; `host-path-volume` reports it, once. */
const REPORTED_HERE = OTHER_VOLUME_SOURCES.filter((key) => key !== 'hostPath');

/**
 * The restricted Pod Security Standard limits inline volumes to configMap, csi, downwardAPI,
 * emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. A volume with no source
 * at all is defaulted to `emptyDir` by the API server and passes.
 */
export default defineRule({
  meta: {
    id: 'restricted-volume-type',
    title: 'Pod uses a volume type the restricted policy forbids',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    refs: {
      pss: [{ level: 'restricted', control: 'restrictedVolumes' }],
      trivy: ['KSV-0028', 'KSV-0121'],
    },
    fixable: false,
    rationale:
      'Inline volume sources such as `nfs`, `iscsi`, `rbd`, `cephfs`, `gitRepo` or `flexVolume` make the kubelet mount storage on the node on the pod\'s behalf, with the pod author choosing the server, the path and sometimes the credentials; `gitRepo` even runs git on the node. The restricted Pod Security Standard allows only the volume types that a cluster administrator controls or that are local to the pod: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. Put network storage behind a PersistentVolume and claim it.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: web-data\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n  volumes:\n    - name: data\n      nfs:\n        server: nfs.example.com\n        path: /exports/web\n',
    },
  },
  check(context) {
    if (!enforces(context, 'restricted')) return;
    for (const { object, site } of podSpecs(context)) {
      for (const volume of volumesOf(site.spec)) {
        if (volumeSource(volume.node, RESTRICTED_VOLUME_SOURCES)) continue;
        const source = volumeSource(volume.node, REPORTED_HERE);
        if (!source) continue;
        const name = `volume "${volume.name ?? ''}"`;
        context.report({
          range: context.rangeOfPair(source.pair),
          message: admissionMessage(context, `${objectLabel(object)} mounts ${name} of type ${source.key}, which the restricted policy does not allow`, 'restricted volume types', `${name} uses restricted volume type "${source.key}"`),
        });
      }
    }
  },
});
