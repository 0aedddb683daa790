/**
 * Converts the second half of a large import file while the import worker converts the first
 * (lib/import/analyse FilePart): on a 2-core machine this halves the longest step of an import.
 */
import { convertFile, type FilePart, type OpenedFile, type ResolvedSettings } from '../lib/import/analyse';

export interface ConvertPartRequest {
  file: OpenedFile;
  settings: ResolvedSettings;
  part: FilePart;
}

self.onmessage = ({ data }: MessageEvent<ConvertPartRequest>) => {
  self.postMessage('started');
  const result = convertFile(data.file, data.settings, undefined, data.part);
  const transfer: ArrayBuffer[] = [];
  if (result.ok) {
    const c = result.value;
    transfer.push(c.lineSource.buffer as ArrayBuffer, c.lineRefField.buffer as ArrayBuffer, c.firstRows.hash.buffer as ArrayBuffer, c.firstRows.line.buffer as ArrayBuffer, c.lineKeyless.buffer as ArrayBuffer);
    if (c.lines) for (const v of Object.values(c.lines)) if (ArrayBuffer.isView(v)) transfer.push(v.buffer as ArrayBuffer);
  }
  self.postMessage(result, { transfer });
};

// Said once loaded, and again once the work has arrived: a nested worker's script and messages
// pass through its parent's thread, so the parent waits for each before it gets busy itself.
self.postMessage('ready');
