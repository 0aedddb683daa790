import { part } from './part';

export const operationsMessages = part({
  zh: {
    'operations.placeholder': '（占位）',
  },
  en: {
    'operations.placeholder': '(placeholder)',
  },
});
