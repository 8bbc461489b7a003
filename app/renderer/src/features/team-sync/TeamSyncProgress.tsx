import { ArrivalProgressBar } from './ArrivalProgressBar';
import { FirstSyncProgressBar } from './FirstSyncProgressBar';

/** The team book's counted progress bars (the feature's `progress` slot): a first sync or catch-up, and accounts arriving. */
export function TeamSyncProgress() {
  return (
    <>
      <FirstSyncProgressBar />
      <ArrivalProgressBar />
    </>
  );
}
