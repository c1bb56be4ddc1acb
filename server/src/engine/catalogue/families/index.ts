import type { ImageFamily } from '../types';
import { alpine, debian, ubuntu } from './distributions';
import { golang } from './golang';
import { nginx } from './nginx';
import { node } from './node';
import { python } from './python';

/** Every family in the catalogue, listed once. A test proves each file here is listed. */
export const FAMILIES: readonly ImageFamily[] = [python, node, golang, nginx, debian, ubuntu, alpine];
