import type { ImageFamily } from '../types';
import { busybox } from './busybox';
import { chainguard } from './chainguard';
import { dhi } from './dhi';
import { distroless } from './distroless';
import { alpine, debian, ubuntu } from './distributions';
import { dotnetAspnet, dotnetRuntime, dotnetRuntimeDeps, dotnetSdk } from './dotnet';
import { eclipseTemurin } from './eclipseTemurin';
import { golang } from './golang';
import { httpd } from './httpd';
import { nginx } from './nginx';
import { node } from './node';
import { openjdk } from './openjdk';
import { php } from './php';
import { postgres } from './postgres';
import { python } from './python';
import { redis } from './redis';
import { ruby } from './ruby';
import { rust } from './rust';

/** Every family in the catalogue, listed once. A test proves each file here is listed. */
export const FAMILIES: readonly ImageFamily[] = [
  python,
  node,
  golang,
  eclipseTemurin,
  openjdk,
  ruby,
  php,
  rust,
  dotnetSdk,
  dotnetAspnet,
  dotnetRuntime,
  dotnetRuntimeDeps,
  nginx,
  httpd,
  redis,
  postgres,
  debian,
  ubuntu,
  alpine,
  busybox,
  distroless,
  chainguard,
  dhi,
];
