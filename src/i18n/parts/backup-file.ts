import { part } from './part';

/** Issue 17: the backup container (format 2): its own refusals. */
export const backupFileMessages = part({
  zh: {
    'errors.backup.damaged': '备份文件已损坏（第 {part} 段的长度、数字或校验码对不上），无法恢复。',
    'errors.backup.newerContainer': '这份备份由更新版本的客情制作（文件结构第 {version} 版），请先更新应用再恢复。',
  },
  en: {
    'errors.backup.damaged': 'The backup file is damaged (part {part}: its length, numbers or checksum do not match).',
    'errors.backup.newerContainer': 'This backup was made by a newer Keqing (file layout {version}). Update the app first.',
  },
});
