import { part } from './part';

// Class mode (issue 18): the header switch a trainer turns on before projecting to a room.
export const classModeMessages = part({
  zh: {
    'classMode.label': '课堂模式',
    'classMode.hint': '投影上课用：字大、图大，顾客姓名和手机号不显示全',
  },
  en: {
    'classMode.label': 'Class mode',
    'classMode.hint': 'For projecting to a class: larger text and charts, customer names and phones hidden',
  },
});
