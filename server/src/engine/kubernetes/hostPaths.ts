/**
 * Host paths that hand a pod more than a directory: the container runtime's socket (every
 * container on the node), the node's root, configuration, kernel interfaces or the kubelet's
 * credentials. Gathered from the paths Trivy (KSV-0006), KubeLinter (docker-sock,
 * sensitive-host-mounts) and Checkov (CKV_K8S_27) name; checked on 2026-12-02.
 */
interface SensitiveHostPath {
  /** The path, or a directory whose whole subtree is meant. */
  path: string;
  what: string;
}

const RUNTIME_SOCKET = "the container runtime's socket: control of every container on the node";

const SENSITIVE: readonly SensitiveHostPath[] = [
  { path: '/var/run/docker.sock', what: RUNTIME_SOCKET },
  { path: '/run/docker.sock', what: RUNTIME_SOCKET },
  { path: '/var/run/containerd/containerd.sock', what: RUNTIME_SOCKET },
  { path: '/run/containerd/containerd.sock', what: RUNTIME_SOCKET },
  { path: '/var/run/crio/crio.sock', what: RUNTIME_SOCKET },
  { path: '/run/crio/crio.sock', what: RUNTIME_SOCKET },
  { path: '/var/run/cri-dockerd.sock', what: RUNTIME_SOCKET },
  { path: '/', what: "the node's whole file system" },
  { path: '/etc', what: "the node's configuration (users, sudoers, kubelet config)" },
  { path: '/proc', what: "the node's processes and kernel settings" },
  { path: '/sys', what: "the node's kernel and devices" },
  { path: '/dev', what: "the node's devices" },
  { path: '/boot', what: "the node's kernel images" },
  { path: '/root', what: "root's home on the node (SSH keys, credentials)" },
  { path: '/var/lib/kubelet', what: "the kubelet's data (other pods' volumes and service account tokens)" },
  { path: '/var/lib/docker', what: "the container runtime's data (every image and container)" },
  { path: '/var/lib/containerd', what: "the container runtime's data (every image and container)" },
  { path: '/var/run', what: "the node's runtime sockets" },
  { path: '/run', what: "the node's runtime sockets" },
];

/**
 * What mounting `path` exposes, when it is one of the sensitive paths or lies under one that
 * stands for its subtree (`/etc/kubernetes` is under `/etc`); null for other paths. A trailing
 * slash is ignored, as the kubelet ignores it.
 */
export function sensitiveHostPath(path: string): string | null {
  let end = path.length;
  // A loop, not `/\/+$/`, which is quadratic on a long run of slashes.
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  const clean = path.length > 1 ? path.slice(0, end) : path;
  const exact = SENSITIVE.find((s) => s.path === clean);
  if (exact) return exact.what;
  if (clean === '/') return null;
  const parent = SENSITIVE.filter((s) => s.path !== '/' && !s.path.endsWith('.sock') && clean.startsWith(`${s.path}/`));
  const closest = parent.sort((a, b) => b.path.length - a.path.length)[0];
  return closest ? closest.what : null;
}
