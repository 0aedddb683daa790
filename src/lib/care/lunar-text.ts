/**
 * Lunar (农历) birthdays as people write and read them: 八月十五, 闰四月初八, and how a file may
 * give one ("农历1990-08-15", "1990年闰四月初八", or a 生日类型 column saying 农历). Pure text work:
 * no calendar tables (those are in lunar.ts, loaded lazily).
 */

const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const monthNames = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];

/** 正月, 闰四月, 冬月, 腊月 (months 11 and 12 by their usual names). */
export const lunarMonthName = (month: number, leap = false) => `${leap ? '闰' : ''}${monthNames[month - 1] ?? ''}月`;

/** 初一…初十, 十一…十九, 二十, 廿一…廿九, 三十. */
export function lunarDayName(day: number): string {
  if (day <= 10) return `初${digits[day]}`;
  if (day < 20) return `十${digits[day - 10]}`;
  if (day === 20) return '二十';
  if (day < 30) return `廿${digits[day - 20]}`;
  return '三十';
}

function monthFromName(name: string): number | null {
  if (/^\d{1,2}$/.test(name)) return Number(name);
  const alias: Record<string, number> = { 正: 1, 一: 1, 冬: 11, 十一: 11, 腊: 12, 十二: 12 };
  if (alias[name] !== undefined) return alias[name];
  const i = digits.indexOf(name);
  return i > 0 ? i : null;
}

function dayFromName(name: string): number | null {
  if (/^\d{1,2}$/.test(name)) return Number(name);
  const unit = (c: string | undefined) => (c === undefined || c === '' ? 0 : digits.indexOf(c));
  let m = /^初([一二三四五六七八九十])$/.exec(name);
  if (m) return unit(m[1]);
  m = /^十([一二三四五六七八九]?)$/.exec(name);
  if (m) return 10 + unit(m[1]);
  m = /^(?:廿|二十)([一二三四五六七八九]?)$/.exec(name);
  if (m) return 20 + unit(m[1]);
  if (name === '三十' || name === '卅') return 30;
  return null;
}

export interface LunarBirthdayText {
  /** 'YYYY-MM-DD' with the lunar year, month and day. */
  birthday: string;
  leap: boolean;
}

const LUNAR_PREFIX = /^(农历|阴历|旧历)\s*/;
const SOLAR_PREFIX = /^(公历|阳历|新历)\s*/;
const NAMED = /^(\d{4})\s*年\s*(闰)?\s*(正|冬|腊|十[一二]?|[一二三四五六七八九]|\d{1,2})\s*月\s*(初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|三十|卅|\d{1,2})\s*日?$/;
const NUMERIC = /^(\d{4})\s*[-/.年]\s*(闰)?\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** Whether a 生日类型 cell says lunar (true), solar (false) or nothing readable (null). */
export function lunarWord(text: string): boolean | null {
  const v = text.trim().toLowerCase();
  if (['农历', '阴历', '旧历', '是', 'y', 'yes', 'true', '1', 'lunar'].includes(v)) return true;
  if (['公历', '阳历', '新历', '否', 'n', 'no', 'false', '0', 'solar', 'gregorian'].includes(v)) return false;
  return null;
}

/**
 * Reads a birthday cell. `lunar`: what a 生日类型 column said (null when there is none). Returns
 * the lunar birthday, 'solar' with the text left to read as a Gregorian date, or 'invalid' for
 * lunar text that is no lunar date.
 */
export function readBirthdayText(raw: string, lunar: boolean | null): LunarBirthdayText | { solar: string } | 'invalid' {
  let text = raw.trim();
  let isLunar = lunar === true;
  if (LUNAR_PREFIX.test(text)) {
    isLunar = true;
    text = text.replace(LUNAR_PREFIX, '');
  } else if (SOLAR_PREFIX.test(text)) {
    return { solar: text.replace(SOLAR_PREFIX, '') };
  }
  const named = NAMED.exec(text);
  // Month or day names (正月, 初八, 闰…) are lunar whatever the column says.
  const byName = named !== null && !/^\d+$/.test(named[3]! + named[4]!);
  if (!isLunar && !byName && !(named?.[2] ?? NUMERIC.exec(text)?.[2])) return { solar: text };
  const m = named ?? NUMERIC.exec(text);
  if (!m) return 'invalid';
  const month = monthFromName(m[3]!);
  const day = dayFromName(m[4]!);
  if (month === null || day === null || month < 1 || month > 12 || day < 1 || day > 30) return 'invalid';
  return { birthday: `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, leap: m[2] === '闰' };
}

/**
 * A birthday as a list, an export or a printout writes it: the solar date as is, a lunar one
 * with its mark (农历1990-08-15, 农历1990-闰04-08), so that a file exported and imported again
 * (readBirthdayText) keeps the calendar it was in.
 */
export function birthdayText(c: { birthday?: string | undefined; birthdayLunar?: boolean | undefined; birthdayLeap?: boolean | undefined }): string {
  if (!c.birthday) return '';
  if (!c.birthdayLunar) return c.birthday;
  return `农历${c.birthday.slice(0, 5)}${c.birthdayLeap ? '闰' : ''}${c.birthday.slice(5)}`;
}
