/** Whether a process id names a live process on this machine (for lock and temporary files left by dead runs). */

/** Is process `pid` alive on this machine (EPERM: it exists, owned by another user)? */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
