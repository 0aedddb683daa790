import type { zh } from './zh';

export type MessageKey = keyof typeof zh;
export type Locale = 'zh' | 'en';
export const locales: readonly Locale[] = ['zh', 'en'];
