import { pairOf } from '../../kubernetes/objects';
import { absenceIsCertain, containerAnchor, containerOf, isWindowsPod, podSpecs, securityContextOf } from '../../kubernetes/podSecurity';
import { setSecurityContextKey } from '../../kubernetes/securityContextEdits';
import { booleanSetting } from '../../kubernetes/typedFields';
import { defineRule } from '../../rule';

/**
 * A writable root filesystem lets an intruder drop tools and change the application's own files.
 * `readOnlyRootFilesystem: true` is offered as an editor suggestion, never applied by fix-all:
 * most applications need an `emptyDir` where they write first. Windows pods are skipped (the
 * field is not supported there).
 */
export default defineRule({
  meta: {
    id: 'root-filesystem-writable',
    title: 'Container root filesystem is writable',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'isolation',
    profile: 'strict',
    refs: {
      trivy: ['KSV-0014'],
      polaris: ['notReadOnlyRootFilesystem'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
      kubeLinter: ['no-read-only-root-fs'],
      checkov: ['CKV_K8S_22'],
    },
    fixable: false,
    rationale:
      "Unless `securityContext.readOnlyRootFilesystem` is true, a process that gets code execution can write to the image's file system: download tools, replace the application's binaries or scripts, plant a web shell that survives until the pod is replaced. A read-only root makes the container immutable while it runs; mount an `emptyDir` at the few paths the application writes to (`/tmp`, a cache directory). Strict profile: it takes that effort per workload.",
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      if (isWindowsPod(site.spec)) continue;
      for (const container of site.containers) {
        const sc = securityContextOf(container.node);
        const setting = booleanSetting(sc, 'readOnlyRootFilesystem');
        // A string or a number there makes the API server refuse the object: boolean-field-not-a-boolean says so.
        if (setting === true || setting === 'rejected') continue;
        const pair = sc ? pairOf(sc, 'readOnlyRootFilesystem') : undefined;
        if (!pair && !absenceIsCertain(site, 'container')) continue;
        const edits = setSecurityContextKey(context, container.node, 'readOnlyRootFilesystem', 'true');
        context.report({
          range: pair ? context.rangeOfPair(pair) : containerAnchor(context, container.node),
          message: `${containerOf(container, object)} can write to its root filesystem (readOnlyRootFilesystem is not true)`,
          ...(edits.length > 0 ? { suggestions: [{ title: 'Set readOnlyRootFilesystem: true (mount an emptyDir where the application writes)', edits }] } : {}),
        });
      }
    }
  },
});
