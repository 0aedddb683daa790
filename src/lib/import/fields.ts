/**
 * What an import can fill, and the header words shops use for each field (Chinese and English,
 * from Excel, WPS, POS systems and public retail data sets). Matching ignores case, spaces,
 * underscores, brackets and a trailing unit such as (元). A membership number is the number on
 * the member's card (会员卡号); a member no./id is the shop's own customer number (会员编号).
 */
export const customerFields = [
  'customerId', 'name', 'phone', 'cardNo', 'level', 'gender', 'birthday', 'birthdayType', 'heightCm', 'waistCm', 'size', 'address', 'region',
  'favouriteColour', 'favouriteStyle', 'favouriteLook', 'customerType', 'channel', 'customerClass', 'notes', 'keqingId',
] as const;
export const purchaseFields = ['orderNo', 'date', 'itemNo', 'itemName', 'quantity', 'unitPrice', 'amount', 'points', 'cancelled'] as const;

export type CustomerField = (typeof customerFields)[number];
export type PurchaseField = (typeof purchaseFields)[number];
export type FieldId = CustomerField | PurchaseField;
export const allFields: readonly FieldId[] = [...customerFields, ...purchaseFields];

const synonyms: Record<FieldId, string[]> = {
  customerId: ['客户编号', '客户id', '客户代码', '会员编号', '会员id', '顾客编号', '客户号', 'customerid', 'customerno', 'customernumber', 'customercode', 'customer', 'clientid', 'clientno', 'memberid', 'memberno', 'membernumber', 'id'],
  name: ['客户姓名', '姓名', '会员名', '会员姓名', '客户名称', '顾客姓名', '客户', '名字', 'name', 'customername', 'fullname', 'membername', 'clientname', 'contactname'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '联系方式', '移动电话', 'phone', 'mobile', 'tel', 'telephone', 'phonenumber', 'cellphone', 'mobilephone', 'mobileno', 'mobilenumber', 'cell', 'cellno', 'cellnumber', 'phoneno', 'telno', 'contactno', 'contactnumber'],
  cardNo: ['卡号', '会员卡号', '会员卡', 'vip卡号', '卡号码', 'card', 'cardno', 'cardnumber', 'membercard', 'membercardno', 'membershipno', 'membershipnumber', 'membershipcard', 'membershipcardno', 'vipno', 'vipcard', 'vipcardno', 'loyaltycard', 'loyaltycardno'],
  level: ['等级', '会员等级', '卡等级', '卡类型', '级别', 'level', 'tier', 'cardlevel', 'memberlevel'],
  gender: ['性别', 'gender', 'sex'],
  birthday: ['生日', '出生日期', '出生年月', '生日日期', 'birthday', 'birthdate', 'dateofbirth', 'dob', 'birth', 'birthdaydate'],
  // 农历 / 公历 for the birthday column (issue 10).
  birthdayType: ['生日类型', '农历生日', '生日历法', '阴历生日', '是否农历', 'birthdaytype', 'lunarbirthday'],
  heightCm: ['身高', 'height'],
  waistCm: ['腰围', 'waist'],
  size: ['尺码', '当次购买尺码', '购买尺码', '尺寸', 'size'],
  address: ['地址', '邮寄地址', '联系地址', '通讯地址', '家庭住址', '收货地址', 'address', 'mailingaddress', 'postaladdress', 'homeaddress', 'streetaddress'],
  region: ['国家', '地区', '城市', '省份', 'country', 'region', 'city'],
  favouriteColour: ['喜欢的颜色', '喜好颜色', '颜色偏好', '偏好颜色', 'favouritecolour', 'favoritecolor', 'colour', 'color'],
  favouriteStyle: ['喜欢的款式', '喜好款式', '款式偏好', 'favouritestyle', 'favoritestyle'],
  favouriteLook: ['喜欢的风格', '喜好风格', '风格偏好', '风格', 'favouritelook', 'style', 'look'],
  customerType: ['客户类型', '客户类别', 'customertype'],
  channel: ['渠道', '来源渠道', '来源', 'channel', 'source'],
  customerClass: ['客户分类', '客户性质', '客户级别分类', 'customerclass', 'class', 'segment'],
  notes: ['备注', '说明', 'notes', 'note', 'remark', 'remarks', 'comment'],
  // Keqing's own customer number, as its per-customer exports write it (lib/customers/export-keys).
  keqingId: ['客情编号', 'keqingno', 'keqingid', 'keqingnumber'],
  orderNo: ['订单号', '单号', '小票号', '销售单号', '订单编号', '单据号', '流水号', '发票号', 'invoiceno', 'invoice', 'orderno', 'orderid', 'order', 'receiptno', 'transactionid'],
  date: ['购买日期', '销售日期', '日期', '消费日期', '交易日期', '下单时间', '订单日期', '消费时间', '交易时间', '销售时间', 'invoicedate', 'date', 'orderdate', 'purchasedate', 'transactiondate', 'saledate'],
  itemNo: ['货号', '商品编码', '商品编号', '款号', '商品代码', '产品编号', '条码', 'sku', 'stockcode', 'itemno', 'itemcode', 'productcode', 'productid', 'item'],
  itemName: ['商品名称', '品名', '商品', '产品名称', '货品名称', 'description', 'itemname', 'productname', 'product'],
  quantity: ['数量', '件数', '销售数量', '购买数量', 'quantity', 'qty', 'units'],
  unitPrice: ['单价', '售价', '零售价', '成交单价', 'unitprice', 'price'],
  amount: ['金额', '实收金额', '销售额', '消费金额', '实付金额', '成交金额', '销售金额', '实收', '订单金额', 'amount', 'total', 'totalamount', 'amountpaid', 'netamount', 'salesamount', 'revenue', 'sales', 'linetotal', 'value'],
  points: ['积分', '消费积分', '本次积分', '累计积分', 'points', 'loyaltypoints'],
  cancelled: ['是否取消', '取消', '作废', '状态', 'cancelled', 'canceled', 'status', 'void'],
};

/** Header text reduced to what matching compares: lower case, no spaces, punctuation or unit. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[（(][^）)]*[)）]$/, '') // a trailing unit: 金额(元), Amount (CNY)
    .replace(/[\s_\-.:：/\\*#]+/g, '');
}

const byKey = new Map<string, FieldId>();
for (const field of allFields) for (const word of synonyms[field]) if (!byKey.has(headerKey(word))) byKey.set(headerKey(word), field);

/** The field a header names, or null when it is not one we know. */
export function fieldForHeader(header: string): FieldId | null {
  return byKey.get(headerKey(header)) ?? null;
}

export const isCustomerField = (f: FieldId): f is CustomerField => (customerFields as readonly string[]).includes(f);
export const isPurchaseField = (f: FieldId): f is PurchaseField => (purchaseFields as readonly string[]).includes(f);
