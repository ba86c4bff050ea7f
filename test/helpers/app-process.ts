import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { projectRoot } from '../../src/common/project-root.js';

export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

export interface RunOptions {
  /** The working folder: its var/ gets the app's files (default: the project, as `npm start`). */
  cwd?: string;
  /**
   * Its own process group, as `npm start` in a terminal has: `process.kill(-child.pid, 'SIGINT')`
   * then reaches the app and the embedded PostgreSQL it started, as Ctrl-C does.
   */
  ownProcessGroup?: boolean;
}

/** Runs the built app (`dist/src/main.js`, as `npm start` does) with exactly the given environment. */
export function runApp(env: Record<string, string | undefined>, options: RunOptions = {}): AppProcess {
  return runBuilt(path.join('dist', 'src', 'main.js'), [], env, options);
}

/** Runs a compiled entry point of the project (the app, a script) with exactly the given environment. */
export function runBuilt(
  entry: string,
  args: string[],
  env: Record<string, string | undefined>,
  options: RunOptions = {},
): AppProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => ['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(key)),
  );
  const child = spawn(process.execPath, [path.join(projectRoot, entry), ...args], {
    cwd: options.cwd ?? projectRoot,
    env: { ...inherited, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup === true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls `url` until it answers 200; fails with the app's output if it does not within the timeout. */
export async function waitForOk(app: AppProcess, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null)
      throw new Error(`The app exited with ${app.child.exitCode}:\n${app.output()}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${app.output()}`);
}
