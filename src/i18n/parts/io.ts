import { part } from './part';

/** Issue 17 §6: backups and exports made off the page's thread, exports only once their data is complete. */
export const ioMessages = part({
  zh: {
    'backup.writing': '正在生成备份文件…',
    'errors.backup.notRead': '请重新选择备份文件，检查通过后再恢复。',
    'export.waiting': '资料还在读取，读完才能导出完整名单。',
    'export.building': '正在生成导出文件…',
  },
  en: {
    'backup.writing': 'Making the backup file…',
    'errors.backup.notRead': 'Choose the backup file again; it is restored once it has been checked.',
    'export.waiting': 'Still reading the data: the export is available once the list is complete.',
    'export.building': 'Making the export file…',
  },
});
