import { part } from './part';

/** Issue 17: how every screen says it is updating an analysis, or could not read what it needs. */
export const liveMessages = part({
  zh: {
    'live.updating': '正在更新…',
    'errors.load.failed': '读取数据出错：{message}',
  },
  en: {
    'live.updating': 'Updating…',
    'errors.load.failed': 'Could not read the data: {message}',
  },
});
