/**
 * Polls `probe` until `done` holds for its value (every 100 ms, at most `timeoutMs`: generous, a loaded machine is slow) and returns the
 * last value seen, so the caller's `expect` says what was there when time ran out.
 */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
