/**
 * Whether a process id names a live process on this machine (signal 0 probes without
 * signalling). EPERM means alive but another user's. Node-only, no TF.js: the checkpoint
 * sweep and the data-folder lock both ask it of the pids they find in file names and records.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
