import { part } from './part';

// Lunar (农历) birthdays, 中秋 and birthday-month benefits (issue 10).
export const lunarMessages = part({
  zh: {
    'field.birthdayType': '生日类型（公历/农历）',
    'lunar.birthday.lunar': '农历',
    'lunar.birthday.leap': '闰月',
    'lunar.birthday.placeholder': '农历年-月-日，如 1990-08-15',
    'lunar.birthday.shown': '农历 {lunar}（下一次：{solar}）',
    'lunar.birthday.shownNoDate': '农历 {lunar}',
    'operations.care.occasion.midAutumn': '中秋',
    'operations.care.occasion.lunarBirthday': '农历生日',
    'operations.care.benefit': '生日月权益',
    'operations.care.csv.benefit': '生日月权益',
    'operations.care.sheet.benefit': '生日月权益',
    'operations.care.rule.birthdayBenefit': '生日月权益',
    'operations.care.rule.benefitText': '权益说明',
    'operations.care.rule.benefitDefault': '生日当月专属优惠',
  },
  en: {
    'field.birthdayType': 'Birthday calendar (solar/lunar)',
    'lunar.birthday.lunar': 'Lunar calendar (农历)',
    'lunar.birthday.leap': 'Leap month (闰月)',
    'lunar.birthday.placeholder': 'Lunar year-month-day, e.g. 1990-08-15',
    'lunar.birthday.shown': 'Lunar {lunar} (next: {solar})',
    'lunar.birthday.shownNoDate': 'Lunar {lunar}',
    'operations.care.occasion.midAutumn': 'Mid-Autumn Festival',
    'operations.care.occasion.lunarBirthday': 'Lunar birthday',
    'operations.care.benefit': 'Birthday-month benefit',
    'operations.care.csv.benefit': 'Birthday-month benefit',
    'operations.care.sheet.benefit': 'Birthday-month benefit',
    'operations.care.rule.birthdayBenefit': 'Birthday-month benefit',
    'operations.care.rule.benefitText': 'Benefit',
    'operations.care.rule.benefitDefault': 'Birthday-month offer',
  },
});
