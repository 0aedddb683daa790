/** The open-format export's worker (handlers in open-export.handlers.ts): the zip is built here, off the page. */
import { KeqingDb } from '../data/db';
import { openExportHandlers } from './open-export.handlers';
import { serve } from './rpc';

const db = new KeqingDb();
serve(openExportHandlers(() => db));
