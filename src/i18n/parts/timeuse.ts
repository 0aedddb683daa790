import { part } from './part';

export const timeuseMessages = part({
  zh: {
    'timeuse.placeholder': '（占位）',
  },
  en: {
    'timeuse.placeholder': '(placeholder)',
  },
});
