import type { ScanPackage } from '../../model';

/** One installed package the scan found in the image. */
export type InstalledPackage = ScanPackage;
