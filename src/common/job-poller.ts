import type { Logger } from '@nestjs/common';

/** What a queue of background jobs gives its poller. */
export interface PolledQueue {
  /** Claims one waiting job and runs it to its end (or hands it back); false when none was waiting. */
  runNext(): Promise<boolean>;
  /** How often an idle instance looks for a job, in ms. */
  pollMs: number;
  logger: Logger;
  /** Logged when a run breaks off with an error runNext did not handle («Фоновые выгрузки остановлены ошибкой»). */
  failure: string;
}

/**
 * Runs a queue's jobs in the background, one at a time per instance (the export and import
 * workers): every `pollMs` — and at once when `wake` says a job was queued — it runs jobs while
 * there are any. `stop` waits for the job being run; a job's own loop asks `stopping` between its
 * steps and hands the job back to the queue for the next start.
 */
export class JobPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly queue: PolledQueue) {}

  /** True once the application is shutting down: a running job stops at its next step. */
  get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.queue.pollMs);
    this.timer.unref();
  }

  /** Takes no more jobs and waits for the one running. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** A job was queued: runs it now if this instance is idle (and polling). */
  wake(): void {
    if (this.running || this.stopped) return;
    this.running = this.runQueued()
      .then(() => undefined)
      .catch((error: unknown) => this.queue.logger.error({ err: error }, this.queue.failure))
      .finally(() => (this.running = undefined));
  }

  /** Runs waiting jobs one after another while there are any; how many ran. */
  async runQueued(): Promise<number> {
    let ran = 0;
    while (!this.stopped && (await this.queue.runNext())) ran += 1;
    return ran;
  }
}
