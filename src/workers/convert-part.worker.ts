/**
 * Holds and converts the second part of a large import file while the import worker converts the
 * first (lib/import/analyse FilePart): on a 2-core machine this halves the longest steps of an
 * import. The part is decoded here from its bytes (the import worker decodes only the first), and
 * kept for the session: changing the mapping converts it again without sending it again.
 */
import { convertFile, readSecondPart, type ByteCut, type OpenedFile, type ResolvedSettings } from '../lib/import/analyse';
import { serve, transfer, type CallContext } from './rpc';

/** The part to hold: bytes to decode (analyse.cutBytes), or text cut from a file decoded whole. */
export type PartSource = { bytes: Uint8Array; cut: ByteCut } | { text: string; line: number };

let held: { text: string; line: number } | null = null;

function notLoaded(): never {
  throw new Error('The second part of the file is not loaded.');
}

// A nested worker's script and messages pass through its parent's thread, so the parent waits for
// `ready` (the script is loaded) and for 'started' (the work has arrived) before it gets busy itself.
const handlers = {
  ready: () => null,
  /** False when the bytes are not valid text in the file's encoding (the file is then read whole, for its message). */
  load: (source: PartSource, ctx: CallContext<'started'>) => {
    ctx.progress('started');
    held = null;
    if ('text' in source) {
      held = source;
      return true;
    }
    const text = readSecondPart(source.bytes, source.cut);
    if (text !== null) held = { text, line: source.cut.line };
    return text !== null;
  },
  /** The held part converted with the first part's head (`file.text` unused) and settings. */
  convert: ({ file, settings }: { file: OpenedFile; settings: ResolvedSettings }, ctx: CallContext<'started'>) => {
    ctx.progress('started');
    const part = held ?? notLoaded();
    const result = convertFile({ ...file, text: part.text }, settings, undefined, { start: 0, end: part.text.length, firstLine: part.line, first: false });
    const buffers: ArrayBuffer[] = [];
    if (result.ok) {
      const c = result.value;
      buffers.push(c.lineSource.buffer as ArrayBuffer, c.lineRefField.buffer as ArrayBuffer, c.firstRows.hash.buffer as ArrayBuffer, c.firstRows.line.buffer as ArrayBuffer, c.lineKeyless.buffer as ArrayBuffer);
      if (c.lines) for (const v of Object.values(c.lines)) if (ArrayBuffer.isView(v)) buffers.push(v.buffer as ArrayBuffer);
    }
    return transfer(result, buffers);
  },
  /** The held part's text (the user's file back, with reasons). */
  text: () => (held ?? notLoaded()).text,
};

export type ConvertPartHandlers = typeof handlers;
serve(handlers);
