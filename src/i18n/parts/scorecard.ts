import { part } from './part';

export const scorecardMessages = part({
  zh: {
    'scorecard.placeholder': '（占位）',
  },
  en: {
    'scorecard.placeholder': '(placeholder)',
  },
});
