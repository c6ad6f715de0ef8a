import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { describeFeedContract } from './contract/feeds.js';
import { describeItemContract } from './contract/items.js';
import { describeLeaseContract } from './contract/leases.js';
import { describeLiveContract } from './contract/live.js';
import { describeOutboxContract } from './contract/outbox.js';
import { describePreferenceContract } from './contract/preferences.js';
import { describeRetentionContract } from './contract/retention.js';
import { describeStatsContract } from './contract/stats.js';
import { describeStoryContract } from './contract/stories.js';
import { describeSubscriptionContract } from './contract/subscriptions.js';
import { describePictureAndPingContract } from './contract/pictures.js';

/** Opens a fresh, empty store for one test. */
export type OpenStore = () => Promise<Store> | Store;
/** Disposes of a store opened by {@link OpenStore}; defaults to `store.close()`. */
export type CloseStore = (store: Store) => Promise<void> | void;

/**
 * The behaviour every `Store` implementation must show. Each test gets its own empty store from
 * `open`, so implementations are compared on the same scenarios.
 */
export function describeStoreContract(name: string, open: OpenStore, close?: CloseStore): void {
  describe(name, () => {
    let current: Store | null = null;

    beforeEach(async () => {
      current = await open();
    });

    afterEach(async () => {
      const store = current;
      current = null;
      if (store === null) return;
      await (close === undefined ? store.close() : close(store));
    });

    const store = (): Store => {
      if (current === null) throw new Error('the store is only open inside a test');
      return current;
    };

    describeFeedContract(store);
    describeLiveContract(store);
    describePictureAndPingContract(store);
    describeItemContract(store);
    describeStoryContract(store);
    describeSubscriptionContract(store);
    describeOutboxContract(store);
    describeLeaseContract(store);
    describeStatsContract(store);
    describePreferenceContract(store);
    describeRetentionContract(store);
  });
}
