import { scalarString } from '../../kubernetes/objects';
import { envEntries } from '../../kubernetes/containerEnv';
import { containerOf, podSpecs } from '../../kubernetes/podSecurity';
import { defineRule } from '../../rule';
import { judgeSecret } from '../../secrets';

/**
 * A password, token or key written as an `env` value lives in the manifest, in Git and in every
 * copy of the object the API server hands out. Judged by value as well as name, with the
 * detector the Dockerfile rule uses (`engine/secrets`).
 */
export default defineRule({
  meta: {
    id: 'secret-in-env-value',
    title: 'Secret written as a container environment value',
    defaultSeverity: 'warning',
    appliesTo: 'kubernetes',
    category: 'secrets',
    refs: {
      polaris: ['sensitiveContainerEnvVar'],
      kubeLinter: ['env-var-secret'],
    },
    fixable: false,
    rationale:
      'An `env` entry\'s `value:` is part of the object: it is committed with the manifest, shown by `kubectl get -o yaml` and `kubectl describe` to anyone who may read the workload, and stored unencrypted in etcd as part of the pod spec. A password, token or key written there leaks with every copy and cannot be rotated without editing the manifest. Put it in a Secret and mount it as a file (or at least reference it with `valueFrom.secretKeyRef`). Judged by value as well as by name, as for Dockerfiles: a value in a well-known credential format (AWS access key id, GitHub, GitLab, Slack, npm, Google and Stripe tokens, a private-key PEM block, a JSON Web Token, a URL with a password) fires whatever the name; under a secret-looking name (`DB_PASSWORD`, `apiKey`) a plainly public value does not (empty, a `$(VAR)` reference, a path such as `/run/secrets/db`, a URL without credentials, a public key, a boolean).',
    compliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db/password\n',
    },
    nonCompliant: {
      fileName: 'pod.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          value: hunter2-but-longer\n',
    },
  },
  check(context) {
    for (const { object, site } of podSpecs(context)) {
      for (const container of site.containers) {
        for (const entry of envEntries(container.node)) {
          if (!entry.value) continue;
          const value = scalarString(entry.value.value);
          // A Kubernetes `$(VAR)` reference is as public as a shell `${VAR}` one.
          const judged = judgeSecret(entry.name, value === null ? '' : value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '$$$1'));
          if (!judged.secret) continue;
          context.report({
            range: context.rangeOfPair(entry.value),
            message: `${containerOf(container, object)} sets ${entry.name} to a literal value that looks like a secret (${judged.reason}): it is stored in the manifest and shown to anyone who can read the workload (use a Secret, mounted as a file)`,
          });
        }
      }
    }
  },
});
