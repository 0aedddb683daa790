/**
 * Converts the second half of a large import file while the import worker converts the first
 * (lib/import/analyse FilePart): on a 2-core machine this halves the longest step of an import.
 */
import { convertFile, type FilePart, type OpenedFile, type ResolvedSettings } from '../lib/import/analyse';
import { serve, transfer, type CallContext } from './rpc';

export interface ConvertPartRequest {
  file: OpenedFile;
  settings: ResolvedSettings;
  part: FilePart;
}

// A nested worker's script and messages pass through its parent's thread, so the parent waits for
// `ready` (the script is loaded) and for 'started' (the work has arrived) before it gets busy itself.
const handlers = {
  ready: () => null,
  convert: (request: ConvertPartRequest, ctx: CallContext<'started'>) => {
    ctx.progress('started');
    const result = convertFile(request.file, request.settings, undefined, request.part);
    const buffers: ArrayBuffer[] = [];
    if (result.ok) {
      const c = result.value;
      buffers.push(c.lineSource.buffer as ArrayBuffer, c.lineRefField.buffer as ArrayBuffer, c.firstRows.hash.buffer as ArrayBuffer, c.firstRows.line.buffer as ArrayBuffer, c.lineKeyless.buffer as ArrayBuffer);
      if (c.lines) for (const v of Object.values(c.lines)) if (ArrayBuffer.isView(v)) buffers.push(v.buffer as ArrayBuffer);
    }
    return transfer(result, buffers);
  },
};

export type ConvertPartHandlers = typeof handlers;
serve(handlers);
