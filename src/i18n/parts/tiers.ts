import { part } from './part';

export const tiersMessages = part({
  zh: {
    'tiers.placeholder': '（占位）',
  },
  en: {
    'tiers.placeholder': '(placeholder)',
  },
});
