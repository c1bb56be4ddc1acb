import * as fs from 'node:fs';

/**
 * Preloaded (`node -r`) into a process the bench measures: prints the process's peak resident
 * memory on stderr as it exits, as `peak-rss-kib N`. On Linux that is VmHWM of /proc/self/status:
 * `resourceUsage().maxRSS` would also count the parent's memory at fork (the kernel carries the
 * high-water mark across exec), and the bench's parent holds the generated image.
 */
process.on('exit', () => {
  let kib = process.resourceUsage().maxRSS;
  try {
    const hwm = /^VmHWM:\s*(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (hwm) kib = Number(hwm);
  } catch {
    // not Linux: maxRSS it is
  }
  process.stderr.write(`\npeak-rss-kib ${kib}\n`);
});
