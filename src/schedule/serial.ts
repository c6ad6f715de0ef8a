/**
 * Wraps an async job so that runs never overlap: a call while a run is in progress is folded
 * into one more run after it, so no trigger is lost and none piles up.
 */
export function serial(job: () => Promise<void>, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async (): Promise<void> => {
    for (let more = true; more;) {
      again = false;
      try {
        await job();
      } catch (error) {
        onError(error);
      }
      // A trigger that arrived during the run sets `again` while we awaited.
      more = again;
    }
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}
