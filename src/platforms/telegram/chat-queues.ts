/** Runs each chat's work in arrival order, chats side by side. */
export interface ChatQueues {
  /** Queues a task behind the chat's earlier ones; returns at once. */
  run(chat: string, task: () => Promise<void>): void;
  /** Resolves when every queued task has finished. */
  idle(): Promise<void>;
}

/**
 * Creates the queues. Updates are handed over at once, so telegraf fetches the next ones while a
 * slow command (a feed being fetched) runs: one chat never holds up another.
 */
export function createChatQueues(onError: (error: unknown) => void): ChatQueues {
  const tails = new Map<string, Promise<void>>();
  return {
    run(chat, task) {
      const next = (tails.get(chat) ?? Promise.resolve()).then(task).catch(onError);
      tails.set(chat, next);
      void next.then(() => {
        if (tails.get(chat) === next) tails.delete(chat);
      });
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
  };
}
