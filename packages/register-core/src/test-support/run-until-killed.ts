import { spawn } from 'node:child_process';

/**
 * Runs a writer child (`node --import tsx child dbPath ...args`) and SIGKILLs it once it has
 * acknowledged `killAfter` lines starting with `ack `; resolves with every line it wrote before dying.
 */
export function runUntilKilled(child: string, dbPath: string, killAfter: number, args: string[] = []): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let acked = 0;
    let buffer = '';
    let stderr = '';
    const guard = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (line.startsWith('ack ')) acked += 1;
        if (acked === killAfter) proc.kill('SIGKILL');
      }
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    proc.on('error', reject);
    // 'close', not 'exit': every line the child wrote before dying has been read by then.
    proc.on('close', (_code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own: ${stderr}`));
      else resolve(lines);
    });
  });
}
