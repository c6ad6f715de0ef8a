import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** Keep-alive agents, one per origin, so a feed polled every few minutes reuses its connection. */
export interface HostAgents {
  /** The agent for `url`'s origin; false when connections are not kept. */
  for(url: URL): HttpAgent | false;
  /** Closes every idle connection. */
  close(): void;
}

/** Origins whose agents are kept; past this the least recently used one is closed. */
const MAX_AGENTS = 4_096;
/** An idle connection is closed after this long: servers drop theirs at about this age anyway. */
const IDLE_MS = 30_000;

/**
 * Agents keep at most `perHost` idle connections per origin. They never resolve names: each request
 * carries the lookup pinned to the addresses the guard checked, and a kept connection was opened to
 * one of those, so reuse never reaches an address the policy forbids.
 */
export function createHostAgents(perHost: number): HostAgents {
  const agents = new Map<string, HttpAgent>();
  return {
    for(url) {
      if (perHost <= 0) return false;
      const key = url.origin;
      const existing = agents.get(key);
      if (existing !== undefined) {
        // Re-inserted: the Map's order is then least recently used first.
        agents.delete(key);
        agents.set(key, existing);
        return existing;
      }
      const options = {
        keepAlive: true,
        maxFreeSockets: perHost,
        timeout: IDLE_MS,
        scheduling: 'lifo' as const,
      };
      const agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      agents.set(key, agent);
      if (agents.size > MAX_AGENTS) {
        const [oldestKey, oldest] = agents.entries().next().value ?? [];
        if (oldestKey !== undefined) agents.delete(oldestKey);
        oldest?.destroy();
      }
      return agent;
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
