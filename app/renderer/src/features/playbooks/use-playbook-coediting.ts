import { useCallback, useEffect, useRef, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import { withTokenHandshake } from '../../../../../common/sync/notes-handshake';
import * as Y from 'yjs';
import type { PlaybookInput } from '../../../../../common/playbooks/playbook-definition';
import { readPlaybookFromDoc, writePlaybookEdit, writePlaybookToDoc } from '../../../../../common/playbooks/playbook-ydoc';
import { useSyncSession } from '../../session/session-store';
import { getActiveTokens } from '../team-sync/team-book';

export interface CoEditing {
  /** Others in the playbook's room now (names). */
  others: string[];
  connected: boolean;
  /**
   * Applies one local edit: `seen` is the draft the edit was made on (the one on screen), `next` the draft it made.
   * In a shared room only what the edit changed is written, then the screen shows the room's playbook.
   */
  edit: (seen: PlaybookInput, next: PlaybookInput) => void;
}

const LOCAL = Symbol('local edit');

/**
 * On a team book, the builder's draft is shared through the sync server's playbook room (a Yjs document, see
 * common/playbooks/playbook-ydoc.ts): local edits go into the document as what they changed (`edit`), others' edits
 * come back as a new draft, and awareness says who else is editing. On the device's own book it does nothing.
 */
export function usePlaybookCoEditing(draft: PlaybookInput | null, setDraft: (next: PlaybookInput) => void): CoEditing {
  const session = useSyncSession((s) => s.session);
  const playbookId = draft?.id ?? null;
  const docRef = useRef<Y.Doc | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const [connected, setConnected] = useState(false);
  const setDraftRef = useRef(setDraft);
  setDraftRef.current = setDraft;
  const firstDraft = useRef<PlaybookInput | null>(null);
  firstDraft.current ??= draft;

  useEffect(() => {
    if (!session || !playbookId) return;
    const doc = new Y.Doc();
    docRef.current = doc;
    // The token goes in the socket's first message, never in the URL (URLs end up in logs), as for shared notes.
    let token = session.accessToken;
    const provider = new WebsocketProvider(`${session.serverUrl.replace(/^http/, 'ws')}/yjs/playbooks`, playbookId, doc, {
      WebSocketPolyfill: withTokenHandshake(WebSocket, () => token),
      connect: false,
    });
    // Each (re)connection carries a current access token.
    const connectWithFreshToken = async () => {
      token = (await getActiveTokens()?.getAccessToken().catch(() => null)) ?? token;
    };
    provider.awareness.setLocalStateField('user', { name: session.user.name });
    const onAwareness = () => {
      const names: string[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        const name = (state as { user?: { name?: string } }).user?.name;
        if (clientId !== doc.clientID && name) names.push(name);
      });
      setOthers(names);
    };
    provider.awareness.on('change', onAwareness);
    provider.on('status', ({ status }: { status: string }) => setConnected(status === 'connected'));
    provider.on('connection-close', () => void connectWithFreshToken());
    provider.on('sync', (synced: boolean) => {
      // The room is new: it starts from this draft. Otherwise the room's version wins over what was loaded.
      if (!synced) return;
      const shared = readPlaybookFromDoc(doc);
      if (shared) setDraftRef.current(shared);
      else if (firstDraft.current) writePlaybookToDoc(doc, firstDraft.current, LOCAL);
    });
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) return;
      const shared = readPlaybookFromDoc(doc);
      if (shared) setDraftRef.current(shared);
    };
    doc.on('update', onUpdate);
    void connectWithFreshToken().then(() => provider.connect());
    return () => {
      doc.off('update', onUpdate);
      provider.awareness.off('change', onAwareness);
      provider.destroy();
      doc.destroy();
      docRef.current = null;
      setOthers([]);
      setConnected(false);
    };
  }, [session?.serverUrl, session?.user.id, playbookId]); // eslint-disable-line react-hooks/exhaustive-deps

  const edit = useCallback((seen: PlaybookInput, next: PlaybookInput) => {
    const doc = docRef.current;
    if (!doc || !readPlaybookFromDoc(doc)) {
      setDraftRef.current(next);
      return;
    }
    writePlaybookEdit(doc, seen, next, LOCAL);
    setDraftRef.current(readPlaybookFromDoc(doc)!);
  }, []);

  return { others, connected, edit };
}
