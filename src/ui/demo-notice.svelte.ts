import type { Notice } from './notice';

/**
 * The last demo-store load's outcome, kept outside the button: the Overview's empty card (and
 * the button in it) disappears as soon as the store has data, and the message must outlive it.
 */
export const demoNotice = $state<{ current: Notice | null }>({ current: null });
