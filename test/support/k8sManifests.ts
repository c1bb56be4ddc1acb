/** Kubernetes manifests the CLI and language-server tests share. */

/** A template-bearing workload in a namespace, its pods labelled `app: <app>`. */
export const workload = (kind: string, name: string, namespace: string, app = name): string => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers:
        - name: ${name}
          image: registry.example.com/${name}:1.0
`;

/** A NetworkPolicy in `namespace` with the given `podSelector` (YAML after `podSelector: `). */
export const networkPolicy = (namespace: string, selector: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${namespace}
spec:
  podSelector: ${selector}
  policyTypes: [Ingress, Egress]
`;

/** One container of `containersYaml`: its securityContext as YAML lines, or text after `securityContext: `. */
export interface ContainerYaml {
  name: string;
  image?: string;
  securityContext?: readonly string[] | string;
}

/** A block `containers:` list at `indent` spaces, its items indented one more step. */
export function containersYaml(indent: number, containers: readonly ContainerYaml[]): string {
  const pad = ' '.repeat(indent);
  const lines = [`${pad}containers:`];
  for (const c of containers) {
    lines.push(`${pad}  - name: ${c.name}`, `${pad}    image: ${c.image ?? 'nginx:1.27'}`);
    if (typeof c.securityContext === 'string') lines.push(`${pad}    securityContext: ${c.securityContext}`);
    else if (c.securityContext) lines.push(`${pad}    securityContext:`, ...c.securityContext.map((l) => `${pad}      ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

/** `apiVersion`, `kind` and `metadata` of an object, the namespace only when given. */
export function objectHead(apiVersion: string, kind: string, name: string, namespace?: string): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
}
