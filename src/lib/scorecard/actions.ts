/** The action plan: what will be done about a weak dimension, by whom, by when. */
export const actionStatuses = ['planned', 'doing', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export interface ActionItem {
  id: string;
  dimensionId: string;
  text: string;
  owner: string;
  /** YYYY-MM-DD, or '' when no date is set. */
  due: string;
  status: ActionStatus;
}

/** Not done and due before today (ISO dates compare as text). */
export const isOverdue = (item: ActionItem, today: string): boolean => item.status !== 'done' && item.due !== '' && item.due < today;

export const newAction = (id: string, dimensionId: string, text: string): ActionItem => ({ id, dimensionId, text, owner: '', due: '', status: 'planned' });
