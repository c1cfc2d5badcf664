// Starting fails most often on a port that is taken; the person starting it needs one line, not a stack.

/**
 * A listen that failed because the port is taken (or not ours to take) as one line naming the
 * setting that chose it; null for any other error, which deserves its stack.
 */
export function listenProblem(error: unknown, where: { setting: string; host: string; port: number; command: string }): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const { setting, host, port, command } = where;
  if (code === 'EADDRINUSE') {
    return `Port ${port} on ${host} is already in use (${setting}). Stop the program using it, or choose another port: ${setting}=${port + 1} ${command}`;
  }
  if (code === 'EACCES') return `Not allowed to listen on port ${port} on ${host} (${setting}). Choose a port above 1023, e.g. ${setting}=8080 ${command}`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine (HOST), so nothing can listen on it.`;
  return null;
}
