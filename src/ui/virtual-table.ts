export interface Column {
  key: string;
  label: string;
  /** A CSS grid track size. */
  width: string;
  sortable?: boolean;
  align?: 'start' | 'end';
}
