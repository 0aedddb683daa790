import { part } from './part';

export const rulesMessages = part({
  zh: {
    'rules.placeholder': '（占位）',
  },
  en: {
    'rules.placeholder': '(placeholder)',
  },
});
