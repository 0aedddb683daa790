import type { MessageKey } from '../i18n/keys';

/** A message to show, kept as a key so it re-translates when the language changes. */
export type Notice = { key: MessageKey; params?: Record<string, string | number>; tone: 'ok' | 'error' } | { text: string; tone: 'error' };
