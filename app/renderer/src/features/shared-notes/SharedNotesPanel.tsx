import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { flushSync } from 'react-dom';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { withTokenHandshake } from '../../../../../common/sync/notes-handshake';
import * as Y from 'yjs';
import type { SyncSession } from '../../../../../common/bridge/contract';
import { useSyncSession } from '../../session/session-store';
import { getActiveTokens, teamBookName } from '../team-sync/team-book';
import { shiftPosition, textChange, type TextChange } from './text-diff';
import { useEditPermission } from '../../session/use-edit-permission';

type Connection = 'connecting' | 'connected' | 'disconnected';

/**
 * Free-text notes that several people edit at once: a Yjs document per account, synced through the sync server's
 * y-websocket rooms and kept in IndexedDB, so edits made offline merge character by character on reconnect.
 * Shown only on a team book.
 */
export function SharedNotesPanel({ account }: { account: { id: string; ownerId: string; teamId: string } }) {
  const session = useSyncSession((state) => state.session);
  if (!session) return null;
  return <SharedNotesEditor key={account.id} account={account} session={session} />;
}

function notesServerUrl(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, 'ws')}/yjs/notes`;
}

function SharedNotesEditor({ account, session }: { account: { id: string; ownerId: string; teamId: string }; session: SyncSession }) {
  const permission = useEditPermission(account);
  const [text, setText] = useState('');
  const [connection, setConnection] = useState<Connection>('connecting');
  const [loaded, setLoaded] = useState(false);
  const ytextRef = useRef<Y.Text | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const ytext = doc.getText('notes');
    ytextRef.current = ytext;
    const local = new IndexeddbPersistence(`${teamBookName(session)}-notes-${account.id}`, doc);
    void local.whenSynced.then(() => setLoaded(true));
    // The token goes in the socket's first message, never in the URL (URLs end up in logs).
    let token = session.accessToken;
    const provider = new WebsocketProvider(notesServerUrl(session.serverUrl), account.id, doc, {
      WebSocketPolyfill: withTokenHandshake(WebSocket, () => token),
      connect: false,
    });
    // Each (re)connection carries a current access token.
    const connectWithFreshToken = async () => {
      token = (await getActiveTokens()?.getAccessToken().catch(() => null)) ?? token;
    };
    provider.on('status', ({ status }: { status: Connection }) => setConnection(status));
    provider.on('connection-close', () => void connectWithFreshToken());
    void connectWithFreshToken().then(() => provider.connect());

    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const next = ytext.toString();
      const area = areaRef.current;
      if (!transaction.local && area && document.activeElement === area) {
        // Keep the caret where the person was typing when someone else's edit lands before it.
        let index = 0;
        const changes: TextChange[] = [];
        for (const op of event.delta) {
          if (op.retain) index += op.retain;
          else if (op.insert) {
            changes.push({ index, remove: 0, insert: String(op.insert) });
            index += String(op.insert).length;
          } else if (op.delete) changes.push({ index, remove: op.delete, insert: '' });
        }
        const [start, end] = [area.selectionStart, area.selectionEnd];
        const shift = (position: number) => changes.reduce(shiftPosition, position);
        // Commit the new text and put the caret back in one synchronous step: setting a textarea's value moves the
        // caret to the end, and a keystroke handled before a deferred restore (e.g. in the next frame) would land there.
        flushSync(() => setText(next));
        area.setSelectionRange(shift(start), shift(end));
        return;
      }
      setText(next);
    };
    ytext.observe(observer);
    setText(ytext.toString());
    return () => {
      ytext.unobserve(observer);
      provider.destroy();
      void local.destroy();
      doc.destroy();
      ytextRef.current = null;
    };
  }, [account.id, session]);

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const ytext = ytextRef.current;
    if (!ytext || !permission.allowed) return;
    const change = textChange(ytext.toString(), event.target.value);
    if (!change) return;
    ytext.doc!.transact(() => {
      if (change.remove) ytext.delete(change.index, change.remove);
      if (change.insert) ytext.insert(change.index, change.insert);
    });
  };

  const connectionText = {
    connected: 'Live: edits are shared as you type',
    connecting: 'Connecting… edits are kept on this device and merge when connected',
    disconnected: 'Offline: edits are kept on this device and merge when the server is back',
  }[connection];

  return (
    <section className="panel shared-notes" aria-labelledby="shared-notes-heading" data-testid="shared-notes">
      <h2 id="shared-notes-heading">Shared notes</h2>
      <textarea
        ref={areaRef}
        aria-label="Shared notes"
        rows={6}
        value={text}
        onChange={onChange}
        readOnly={!permission.allowed}
        aria-busy={!loaded}
        title={permission.reason}
        placeholder={permission.allowed ? 'Notes everyone on the account team can edit together' : ''}
        style={{ width: '100%', boxSizing: 'border-box' }}
      />
      <p className="muted" data-testid="shared-notes-status" data-connection={connection}>
        {permission.allowed ? connectionText : `${permission.reason}. ${connection === 'connected' ? 'Live.' : ''}`}
      </p>
    </section>
  );
}
