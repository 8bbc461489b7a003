import { createContext, useContext } from 'react';
import type { OutpostDatabase } from '../../../../common/db/create-database';

export const DatabaseContext = createContext<OutpostDatabase | null>(null);

export function useDatabase(): OutpostDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase() outside <DatabaseContext.Provider>');
  return db;
}
