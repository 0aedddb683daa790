/** Checks a customer typed in by hand; every problem is returned with its field, nothing is thrown. */
import { readBirthdayText } from '../care/lunar-text';
import { readLunarBirthday } from '../care/occasions';
import { dayFromIso } from '../dates';
import { normalisePhone } from '../import/values/phone';
import { err, ok, type Result } from '../result';
import { channels, customerClasses, customerTypes, type Customer, type Prospect } from './customer';

/** The form as typed: every value a string (empty = not given). */
export interface CustomerForm {
  name: string;
  phone: string;
  cardNo: string;
  level: string;
  gender: string;
  birthday: string;
  /** The birthday is a lunar (农历) date; `birthdayLeap`: in a leap month. */
  birthdayLunar: boolean;
  birthdayLeap: boolean;
  heightCm: string;
  waistCm: string;
  size: string;
  address: string;
  region: string;
  favouriteColour: string;
  favouriteStyle: string;
  favouriteLook: string;
  type: string;
  channel: string;
  customerClass: string;
  notes: string;
  isProspect: boolean;
  prospectModel: string;
  prospectColour: string;
  prospectOptions: string;
  prospectDate: string;
}

export type FormError = { field: keyof CustomerForm; code: 'form.required' | 'form.phone' | 'form.date' | 'form.range' | 'form.choice' };

export type CustomerFields = Omit<Customer, 'id' | 'createdAt' | 'updatedAt' | 'externalId'>;

const textFields = ['cardNo', 'level', 'size', 'address', 'region', 'favouriteColour', 'favouriteStyle', 'favouriteLook', 'notes'] as const;

export function formFromCustomer(c: Partial<Customer> = {}): CustomerForm {
  return {
    name: c.name ?? '',
    phone: c.phone ?? '',
    cardNo: c.cardNo ?? '',
    level: c.level ?? '',
    gender: c.gender ?? '',
    birthday: c.birthday ?? '',
    birthdayLunar: c.birthdayLunar === true,
    birthdayLeap: c.birthdayLeap === true,
    heightCm: c.heightCm?.toString() ?? '',
    waistCm: c.waistCm?.toString() ?? '',
    size: c.size ?? '',
    address: c.address ?? '',
    region: c.region ?? '',
    favouriteColour: c.favouriteColour ?? '',
    favouriteStyle: c.favouriteStyle ?? '',
    favouriteLook: c.favouriteLook ?? '',
    type: c.type ?? '',
    channel: c.channel ?? '',
    customerClass: c.customerClass ?? '',
    notes: c.notes ?? '',
    isProspect: c.prospect !== undefined,
    prospectModel: c.prospect?.model ?? '',
    prospectColour: c.prospect?.colour ?? '',
    prospectOptions: c.prospect?.options ?? '',
    prospectDate: c.prospect?.expectedDate ?? '',
  };
}

export function validateCustomerForm(form: CustomerForm): Result<CustomerFields, FormError[]> {
  const errors: FormError[] = [];
  const out: CustomerFields = { name: form.name.trim() };
  if (out.name === '' && form.phone.trim() === '') errors.push({ field: 'name', code: 'form.required' });
  if (form.phone.trim() !== '') {
    const phone = normalisePhone(form.phone);
    if (phone.ok) out.phone = phone.value;
    else errors.push({ field: 'phone', code: 'form.phone' });
  }
  for (const f of textFields) if (form[f].trim() !== '') out[f] = form[f].trim();
  if (form.gender === 'F' || form.gender === 'M') out.gender = form.gender;
  const date = (field: 'birthday' | 'prospectDate'): string | undefined => {
    const v = form[field].trim();
    if (v === '') return undefined;
    if (dayFromIso(v) === null) errors.push({ field, code: 'form.date' });
    return v;
  };
  if (form.birthdayLunar) {
    // A lunar date has months of 30 days (农历二月三十 is no Gregorian date).
    // Also as written: 1990年闰四月初八, 1990/8/15.
    const v = form.birthday.trim();
    const read = v === '' ? null : readBirthdayText(v, true);
    if (read !== null) {
      if (read === 'invalid' || 'solar' in read || readLunarBirthday(read.birthday) === null) errors.push({ field: 'birthday', code: 'form.date' });
      else {
        out.birthday = read.birthday;
        out.birthdayLunar = true;
        if (form.birthdayLeap || read.leap) out.birthdayLeap = true;
      }
    }
  } else {
    const birthday = date('birthday');
    if (birthday) out.birthday = birthday;
  }
  for (const [field, min, max] of [['heightCm', 50, 250], ['waistCm', 30, 200]] as const) {
    const v = form[field].trim();
    if (v === '') continue;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max) errors.push({ field, code: 'form.range' });
    else out[field] = n;
  }
  const choice = <T extends string>(field: 'type' | 'channel' | 'customerClass', allowed: readonly T[]): T | undefined => {
    if (form[field] === '') return undefined;
    if (!(allowed as readonly string[]).includes(form[field])) errors.push({ field, code: 'form.choice' });
    return form[field] as T;
  };
  const type = choice('type', customerTypes);
  if (type) out.type = type;
  const channel = choice('channel', channels);
  if (channel) out.channel = channel;
  const cls = choice('customerClass', customerClasses);
  if (cls) out.customerClass = cls;
  if (form.isProspect) {
    const prospect: Prospect = {};
    if (form.prospectModel.trim()) prospect.model = form.prospectModel.trim();
    if (form.prospectColour.trim()) prospect.colour = form.prospectColour.trim();
    if (form.prospectOptions.trim()) prospect.options = form.prospectOptions.trim();
    const expected = date('prospectDate');
    if (expected) prospect.expectedDate = expected;
    out.prospect = prospect;
  }
  return errors.length ? err(errors) : ok(out);
}
