import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak resident memory of this process (replicas are worker threads in it, so they count),
 * per measured part of a bench. getrusage's maxRSS only ever grows, so a second measurement in
 * one process would report the first's peak; on Linux the kernel's high-water mark (VmHWM) can
 * be reset to the current RSS (clear_refs 5), which gives each part its own peak. Elsewhere the
 * figure is the process's peak so far, and `peak_rss_scope` says so.
 */
let resetDone = false;

export function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    resetDone = true;
  } catch {
    // Not Linux, or not allowed: peakRss() falls back to the whole process's peak.
  }
}

export function peakRss(): { peak_rss_mb: number; peak_rss_scope: 'since-reset' | 'process' } {
  try {
    const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1]) return { peak_rss_mb: Math.round(Number(hwm[1]) / 1024), peak_rss_scope: resetDone ? 'since-reset' : 'process' };
  } catch {
    // No /proc: below.
  }
  return { peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), peak_rss_scope: 'process' };
}
