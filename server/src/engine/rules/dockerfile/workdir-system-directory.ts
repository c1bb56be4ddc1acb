import { Workdir } from 'dockerfile-ast';
import { defineRule } from '../../rule';

/**
 * Trivy DS-0030: a WORKDIR in a kernel or boot directory. Trivy matches `/proc/`, `/boot/`,
 * `/dev/`, `/initrd/` and `/lost+found/` as prefixes only, so `WORKDIR /proc` itself slips
 * through; here the directory itself counts too, and `/sys` (the other kernel interface the
 * runtime mounts over) is added.
 */
const SYSTEM_DIRECTORIES = ['/proc', '/sys', '/boot', '/dev', '/initrd', '/lost+found'];

export default defineRule({
  meta: {
    id: 'workdir-system-directory',
    title: 'WORKDIR in a system directory',
    defaultSeverity: 'warning',
    appliesTo: 'dockerfile',
    category: 'isolation',
    refs: { trivy: ['DS-0030'] },
    fixable: false,
    rationale:
      'The container runtime mounts its own file systems over `/proc`, `/sys` and `/dev` when the container starts, so anything a build wrote there disappears, and an application that works in them reads and writes the kernel\'s interfaces rather than its own files: a crash at best, and with extra privileges a path to the host. `/boot`, `/initrd` and `/lost+found` belong to the operating system. Put the application in its own directory, such as `/app`. Trivy matches these directories only as prefixes with a trailing slash; Seaworthy also reports the directory itself (`WORKDIR /proc`) and `/sys`.',
    compliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nWORKDIR /app\n' },
    nonCompliant: { fileName: 'Dockerfile', text: 'FROM debian:12-slim\nWORKDIR /proc/app\n' },
  },
  check(context) {
    for (const instruction of context.dockerfile.ast.getInstructions()) {
      if (!(instruction instanceof Workdir)) continue;
      const argument = instruction.getArguments()[0];
      if (!argument || instruction.getArguments().length !== 1) continue;
      const path = argument.getValue().replace(/^(["'])(.*)\1$/, '$2').replace(/\/{2,}/g, '/');
      const system = SYSTEM_DIRECTORIES.find((dir) => path === dir || path === `${dir}/` || path.startsWith(`${dir}/`));
      if (!system) continue;
      context.report({ range: argument.getRange(), message: `WORKDIR ${path} is in ${system}, a system directory the runtime or the OS owns; use the application's own directory, such as /app` });
    }
  },
});
