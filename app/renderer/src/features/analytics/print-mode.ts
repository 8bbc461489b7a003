import { createContext, useContext } from 'react';

/** True inside the print layout: charts draw as SVG without animation and every data table is shown. */
export const PrintModeContext = createContext(false);

export function usePrintMode(): boolean {
  return useContext(PrintModeContext);
}

/** Where the print layout of a view lives (the Export PDF buttons go there). */
export function printPath(view: 'dashboard' | 'console'): string {
  return `/analytics/print-${view}`;
}
