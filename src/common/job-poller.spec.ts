import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';

import { JobPoller } from './job-poller.js';

/** A queue of `jobs` jobs, each done when its promise is released. */
function queue(jobs: number) {
  const releases: (() => void)[] = [];
  let waiting = jobs;
  const runNext = jest.fn(async () => {
    if (waiting === 0) return false;
    waiting -= 1;
    await new Promise<void>((resolve) => releases.push(resolve));
    return true;
  });
  const logger = new Logger('Test');
  const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  return { runNext, logger, error, releases, release: () => releases.shift()?.() };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('JobPoller', () => {
  it('runs the waiting jobs one at a time, a wake while busy starting nothing more', async () => {
    const jobs = queue(2);
    const poller = new JobPoller({ ...jobs, pollMs: 60_000, failure: 'сбой' });
    poller.wake();
    poller.wake();
    await settle();
    expect(jobs.runNext).toHaveBeenCalledTimes(1);
    jobs.release();
    await settle();
    expect(jobs.runNext).toHaveBeenCalledTimes(2);
    jobs.release();
    await settle();
    expect(jobs.runNext).toHaveBeenCalledTimes(3); // the third asks, finds none
    expect(jobs.releases).toHaveLength(0);
  });

  it('stops between jobs: stop waits for the running one and no other starts', async () => {
    const jobs = queue(3);
    const poller = new JobPoller({ ...jobs, pollMs: 60_000, failure: 'сбой' });
    poller.wake();
    await settle();
    const stopped = poller.stop();
    expect(poller.stopping).toBe(true);
    let done = false;
    void stopped.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    jobs.release();
    await stopped;
    expect(jobs.runNext).toHaveBeenCalledTimes(1);
    poller.wake();
    await settle();
    expect(jobs.runNext).toHaveBeenCalledTimes(1);
  });

  it('logs a run that breaks off and takes jobs again at the next wake', async () => {
    const jobs = queue(0);
    jobs.runNext.mockRejectedValueOnce(new Error('база недоступна'));
    const poller = new JobPoller({
      ...jobs,
      pollMs: 60_000,
      failure: 'Фоновые выгрузки остановлены ошибкой',
    });
    poller.wake();
    await settle();
    expect(jobs.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'Фоновые выгрузки остановлены ошибкой',
    );
    poller.wake();
    await settle();
    expect(jobs.runNext).toHaveBeenCalledTimes(2);
  });

  it('polls every pollMs once started, and no more after stop', async () => {
    jest.useFakeTimers();
    try {
      const jobs = queue(0);
      const poller = new JobPoller({ ...jobs, pollMs: 1_000, failure: 'сбой' });
      poller.start();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(jobs.runNext).toHaveBeenCalledTimes(3);
      await poller.stop();
      await jest.advanceTimersByTimeAsync(3_000);
      expect(jobs.runNext).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
