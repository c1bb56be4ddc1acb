import { exposedPorts } from '../../dockerfile/exposedPorts';
import { defineRule } from '../../rule';

/**
 * BuildKit ExposeInvalidFormat: an IP address or a host port in EXPOSE (`127.0.0.1:8080:80`,
 * `8080:80`). The fix keeps the container port, which is all EXPOSE records.
 */
export default defineRule({
  meta: {
    id: 'expose-invalid-format',
    title: 'EXPOSE with an IP address or host port',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'isolation',
    refs: { buildkit: ['ExposeInvalidFormat'] },
    fixable: true,
    rationale:
      'EXPOSE documents which ports the container listens on; it cannot publish a port or choose the host address. `EXPOSE 127.0.0.1:8080:80` reads as a promise that the service is only reachable locally, but the builder keeps the container port alone and whoever runs the image decides where it is published (`-p`). BuildKit warns that this form will become an error. Write the container port, and bind addresses when running the container.',
    compliant: { fileName: 'Dockerfile', text: 'FROM nginx:1.29\nEXPOSE 80\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM nginx:1.29\nEXPOSE 127.0.0.1:8080:80\n' },
  },
  check(context) {
    for (const { argument, written } of exposedPorts(context.dockerfile)) {
      if (!written.includes(':') || written.includes('$')) continue;
      const containerPort = written.slice(written.lastIndexOf(':') + 1);
      const fixable = /^\d+(?:-\d+)?(?:\/[a-z]+)?$/i.test(containerPort);
      context.report({
        range: argument.getRange(),
        message: `EXPOSE ${written} names a host address or port, which EXPOSE cannot set; write the container port${fixable ? ` (${containerPort})` : ''} and publish it with -p when running`,
        ...(fixable ? { fix: { title: `Expose ${containerPort}`, edits: [{ range: argument.getRange(), newText: containerPort }] } } : {}),
      });
    }
  },
});
