import { KeqingDb } from '../data/db';
import { exportHandlers } from './export.handlers';
import { serve } from './rpc';

serve(exportHandlers(() => new KeqingDb()));
