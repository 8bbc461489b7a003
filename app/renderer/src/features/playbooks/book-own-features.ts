import { useEffect, useState } from 'react';
import { bookOwnFeatureKeys } from '../../../../../common/import/load-book';
import { useDatabase } from '../../db/database-context';

/**
 * The book's own product feature keys (the usage months' keys none of the six means: the team's feature catalogue as
 * the import and the ingestion stored it), read once per mount; undefined while reading.
 */
export function useBookOwnFeatureKeys(): readonly string[] | undefined {
  const db = useDatabase();
  const [keys, setKeys] = useState<readonly string[]>();
  useEffect(() => {
    let live = true;
    void bookOwnFeatureKeys(db).then((found) => {
      if (live) setKeys(found);
    });
    return () => {
      live = false;
    };
  }, [db]);
  return keys;
}
