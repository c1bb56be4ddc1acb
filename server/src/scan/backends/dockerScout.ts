import * as path from 'path';
import type { ImageScan } from '../model';
import { parseReport } from '../reports/reportFormat';
import { REGISTRY_FAILURES, type ScanBackend } from './backend';

/**
 * Docker Scout, run as `docker scout cves --format sarif`. Its SARIF does not name the image; the
 * caller sets it. No recorded Scout run was available to test against, so the parser is tested
 * on SARIF written from Scout's documented shape.
 */
export const dockerScoutBackend: ScanBackend = {
  id: 'docker-scout',
  name: 'Docker Scout',
  executable: 'docker',
  installHint: 'install Docker with the Scout plugin (https://docs.docker.com/scout/install/) and sign in with `docker login`',
  pathSetting: 'seaworthy.scan.dockerPath',
  usable: (executable, host) => pluginDirectories(executable, host).some((dir) => host.isExecutable(path.join(dir, host.platform === 'win32' ? 'docker-scout.exe' : 'docker-scout'))),
  args: ({ image, platform }) => ['scout', 'cves', '--format', 'sarif', ...(platform ? ['--platform', platform] : []), '--', image],
  parse: (stdout): ImageScan => parseReport(stdout, 'sarif')[0] as ImageScan,
  failures: [
    { pattern: /'scout' is not a docker command|unknown command "scout"/i, kind: 'missing-scanner', advice: 'Docker has no Scout plugin: install it (https://docs.docker.com/scout/install/)' },
    { pattern: /log in with your docker id|not logged in|docker login/i, kind: 'login', advice: 'Docker Scout needs a Docker account: run `docker login`, then scan again' },
    ...REGISTRY_FAILURES,
  ],
};

/** Where the Docker CLI looks for plugins: the user's config folder, then the system folders. */
function pluginDirectories(executable: string, host: { env: NodeJS.ProcessEnv; platform: NodeJS.Platform }): string[] {
  const home = host.env.HOME ?? host.env.USERPROFILE ?? '';
  const config = host.env.DOCKER_CONFIG ?? (home ? path.join(home, '.docker') : '');
  const system =
    host.platform === 'win32'
      ? [path.join(host.env.ProgramData ?? 'C:\\ProgramData', 'Docker', 'cli-plugins'), path.join(path.dirname(executable), '..', 'cli-plugins')]
      : ['/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins', '/opt/homebrew/lib/docker/cli-plugins'];
  return [...(config ? [path.join(config, 'cli-plugins')] : []), ...system];
}
