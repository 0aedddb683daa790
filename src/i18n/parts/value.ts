import { part } from './part';

export const valueMessages = part({
  zh: {
    'value.placeholder': '（占位）',
  },
  en: {
    'value.placeholder': '(placeholder)',
  },
});
