import { KeqingDb } from '../data/db';
import { backupHandlers } from './backup.handlers';
import { serve } from './rpc';

serve(backupHandlers(() => new KeqingDb()));
