import { SyncEngine, type SyncReport } from '../sync/sync-engine';

/**
 * The sync engine, telling its host when a round starts and when it ends (the only moments its state
 * changes on its own), so the UI hears about it without polling. Background rounds come through
 * `syncOnce` too.
 */
export class ObservedSyncEngine extends SyncEngine {
  onRoundChange: () => void = () => undefined;

  override syncOnce(): Promise<SyncReport> {
    const starting = !this.busy;
    const round = super.syncOnce();
    if (starting) {
      this.onRoundChange();
      round.then(this.onRoundChange, this.onRoundChange);
    }
    return round;
  }
}
