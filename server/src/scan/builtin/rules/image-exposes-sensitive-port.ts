import { defineImageRule } from './imageRule';

const SENSITIVE: Record<string, string> = { '22': 'SSH', '23': 'Telnet', '2375': 'the unencrypted Docker API', '2376': 'the Docker API' };

export default defineImageRule({
  meta: {
    id: 'image-exposes-sensitive-port',
    title: 'Image exposes a remote administration port',
    severity: 'medium',
    category: 'isolation',
    rationale:
      'The image declares a port that remote administration listens on: SSH (22), Telnet (23) or the Docker Engine API (2375, 2376). A container does not need SSH (use `docker exec` or `kubectl exec`), and a reachable Docker API hands root on the host to anyone who connects.',
    fix: 'Remove the `EXPOSE` line and the daemon behind it from the Dockerfile.',
  },
  check(image) {
    return Object.keys(image.config.config?.ExposedPorts ?? {})
      .map((spec) => ({ spec, port: spec.split('/')[0] ?? '' }))
      .filter(({ port }) => SENSITIVE[port] !== undefined)
      .map(({ spec, port }) => ({ message: `the image exposes ${spec} (${SENSITIVE[port]})`, path: null }));
  },
});
