import { useEffect, useRef, useState, type ReactNode } from 'react';
import { getBridge } from '../../bridge/bridge';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { formatIsoDate } from '../../../../../common/format/format';
import { PrintModeContext } from './print-mode';

/**
 * The printable layout of the dashboard or the console: a plain page (no navigation, light colours, charts as SVG,
 * every data table open) that Electron's printToPDF or the browser's print turns into the PDF. Printing starts by
 * itself once the content has rendered; the toolbar (not printed) offers it again and the way back.
 */
export function PrintLayout({ title, subtitle, fileName, ready, children }: { title: string; subtitle: string; fileName: string; ready: boolean; children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const printed = useRef(false);
  const [printedOnce, setPrintedOnce] = useState(false);

  const exportPdf = async () => {
    try {
      const result = await getBridge().exportPdf({ suggestedName: `${fileName}-${todayIsoDate()}.pdf` });
      setMessage(result.saved ? `PDF ready${result.location ? `: ${result.location}` : ''}.` : null);
    } catch (error) {
      setMessage(`PDF export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPrintedOnce(true);
    }
  };

  useEffect(() => {
    if (!ready || printed.current) return;
    printed.current = true;
    // Two frames: React has committed and the SVG charts have drawn before the page is printed.
    requestAnimationFrame(() => requestAnimationFrame(() => void exportPdf()));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the content is ready
  }, [ready]);

  return (
    <div className="print-layout" data-testid="print-layout" data-print-ready={ready ? 'true' : 'false'} data-printed={printedOnce ? 'true' : 'false'}>
      <div className="print-toolbar no-print">
        <button type="button" onClick={() => history.back()}>
          ← Back
        </button>
        <button type="button" onClick={() => void exportPdf()} disabled={!ready}>
          Save as PDF
        </button>
        {message && <span role="status">{message}</span>}
      </div>
      <header className="print-header">
        <h1>{title}</h1>
        <p className="muted">
          {subtitle} · printed {formatIsoDate(todayIsoDate())}
        </p>
      </header>
      <PrintModeContext.Provider value={true}>{children}</PrintModeContext.Provider>
    </div>
  );
}
