// The preload: exposes exactly the InboxApi contract ({ invoke, on }) to the renderer, never ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/channels';
import type { InboxApi } from '../../shared/ipc/contract';

const api: InboxApi = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE, name, input),
  on(event, listener) {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('inbox', api);
