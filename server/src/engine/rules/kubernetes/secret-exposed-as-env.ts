import { mapAt, pairOf, scalarString } from '../../kubernetes/objects';
import { envEntries, envFromSecrets } from '../../kubernetes/containerEnv';
import { containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';

/**
 * A Secret passed as environment variables (`secretKeyRef`, `envFrom.secretRef`) is kept out of
 * the manifest but ends up in the process environment: inherited by every child process, printed
 * by crash reports and debug endpoints. A lower-severity note: files are preferred.
 */
export default defineRule({
  meta: {
    id: 'secret-exposed-as-env',
    title: 'Secret passed as environment variables instead of files',
    defaultSeverity: 'info',
    appliesTo: 'kubernetes',
    category: 'secrets',
    profile: 'strict',
    refs: {
      kubeLinter: ['read-secret-from-env-var'],
      checkov: ['CKV_K8S_35'],
    },
    fixable: false,
    rationale:
      'A Secret referenced with `valueFrom.secretKeyRef` or loaded whole with `envFrom.secretRef` stays out of the manifest, but inside the container it is an environment variable: every child process inherits it, crash reporters and debug pages print the environment, and `/proc/<pid>/environ` shows it to anything running as the same user. A Secret mounted as a volume is a file only the process that opens it reads, and it is updated in place when the Secret is rotated (environment variables keep the old value until the pod restarts). CIS Kubernetes Benchmark 5.4.1: prefer using secrets as files. Strict profile: many applications read only their environment.',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      volumeMounts:\n        - name: db\n          mountPath: /run/secrets/db\n          readOnly: true\n  volumes:\n    - name: db\n      secret:\n        secretName: db\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        for (const entry of envEntries(container.node)) {
          if (!entry.secretKeyRef) continue;
          const secret = scalarString(entry.secretKeyRef.get('name', true)) ?? '?';
          const at = pairOf(entry.node, 'valueFrom') ?? pairOf(entry.node, 'name');
          context.report({
            range: at ? context.rangeOfPair(at) : context.rangeOf(entry.node),
            message: `${containerOf(container, object)} gets ${entry.name} from Secret "${secret}" as an environment variable, which child processes inherit and crash reports print (mount the Secret as a file)`,
          });
        }
        for (const from of envFromSecrets(container.node)) {
          const secret = scalarString(mapAt(from, ['secretRef'])?.get('name', true)) ?? '?';
          const at = pairOf(from, 'secretRef');
          context.report({
            range: at ? context.rangeOfPair(at) : context.rangeOf(from),
            message: `${containerOf(container, object)} loads all of Secret "${secret}" as environment variables, which child processes inherit and crash reports print (mount the Secret as a file)`,
          });
        }
      }
    }
  },
});
