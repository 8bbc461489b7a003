import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_CHANNELS, BRIDGE_GLOBAL, type OutpostBridge } from '../../common/bridge/channels';

// The renderer gets these calls and nothing else: no ipcRenderer, no Node. The main process validates every argument.
const bridge = {
  appInfo: () => ipcRenderer.invoke(BRIDGE_CHANNELS.appInfo),
  openTextFiles: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.openTextFiles, request),
  saveTextFile: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.saveTextFile, request),
  notify: (notification) => ipcRenderer.invoke(BRIDGE_CHANNELS.notify, notification),
  saveSyncSession: (session) => ipcRenderer.invoke(BRIDGE_CHANNELS.saveSyncSession, session),
  loadSyncSession: () => ipcRenderer.invoke(BRIDGE_CHANNELS.loadSyncSession),
  clearSyncSession: () => ipcRenderer.invoke(BRIDGE_CHANNELS.clearSyncSession),
  calendarConnect: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.calendarConnect, request),
  calendarCall: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.calendarCall, request),
  exportPdf: (request) => ipcRenderer.invoke(BRIDGE_CHANNELS.exportPdf, request),
} satisfies OutpostBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
