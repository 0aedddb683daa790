#!/usr/bin/env python3
"""
Writes tests/fixtures/import/bad/: small bad or awkward files for the CSV import, each made
byte for byte here so the corpus can be regenerated (python3 scripts/make-bad-import-fixtures.py).
What each file is meant to show, and what the import should say about it, is in the README there;
tests/unit/import-bad-files.test.ts and tests/data/import-bad-files.test.ts check it.

Deterministic: no clock, no unseeded randomness, fixed zip timestamps.
"""
import io
import os
import random
import struct
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'import', 'bad')
BOM = b'\xef\xbb\xbf'

files: dict[str, bytes] = {}


def add(name: str, data: bytes) -> None:
    assert name not in files, name
    files[name] = data


def lines(rows: list[str], eol: str = '\r\n', final: bool = True) -> str:
    return eol.join(rows) + (eol if final else '')


def utf8(rows: list[str], eol: str = '\r\n', bom: bool = False) -> bytes:
    return (BOM if bom else b'') + lines(rows, eol).encode('utf-8')


def gbk(rows: list[str], eol: str = '\r\n') -> bytes:
    return lines(rows, eol).encode('gbk')


# Purchases as a shop's POS exports them: order no., date, item no., item, quantity, amount, phone.
P_HEAD = '单号,日期,货号,商品名称,数量,金额,手机'

# --- Not a CSV at all -------------------------------------------------------------------------

add('empty.csv', b'')
add('whitespace-only.csv', b'   \r\n\t\r\n \r\n\r\n')
add('bom-only.csv', BOM)

rnd = random.Random(20241123)
noise = bytearray(rnd.randrange(256) for _ in range(1024))
noise[0:4] = b'\x8e\x13\x00\x07'  # no BOM or Office magic by chance; NULs for sure
noise[100] = noise[513] = 0
add('binary-random.csv', bytes(noise))


def xlsx() -> bytes:
    """A real (minimal) .xlsx zip, as saved by Excel and then renamed to .csv."""
    buf = io.BytesIO()
    stamp = (2024, 3, 5, 10, 0, 0)
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>王芳</t></is></c><c r="B2"><v>13800138000</v></c></row></sheetData></worksheet>',
    }
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, stamp), text.encode('utf-8'))
    return buf.getvalue()


add('xlsx-renamed.csv', xlsx())


def ole_header() -> bytes:
    """The 512-byte header of an OLE compound file (Excel 97–2003 .xls), then an empty sector."""
    h = bytearray(512)
    h[0:8] = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'
    struct.pack_into('<HHHHH', h, 24, 0x3E, 3, 0xFFFE, 9, 6)  # minor/major version, byte order, sector shifts
    struct.pack_into('<IIIIIII', h, 44, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    for i in range(109):
        struct.pack_into('<I', h, 76 + 4 * i, 0xFFFFFFFF)
    return bytes(h) + b'\xff' * 512


add('xls-ole-renamed.csv', ole_header())

# --- Wrong or damaged encodings ----------------------------------------------------------------

# A UTF-8 BOM, an ASCII header (17 bytes), then GBK: an editor that added a BOM to a GBK file.
add('utf8-bom-over-gbk.csv', BOM + b'Name,Phone,Card\r\n' + gbk(['王芳,13800138000,VIP001', '李娜,13900139000,VIP002']))

# A GBK file whose last character was cut in half (the copy stopped one byte short).
add('gbk-truncated.csv', gbk(['姓名,手机,会员卡号', '王芳,13800138000,VIP001', '李娜,13900139000,VIP002', '张伟,13700137000,VIP003', '备注：王'])[:-3])

# A UTF-8 export with one row typed in by hand in a GBK editor (two files joined with copy /b).
# ASCII headers, so nothing looks wrong until the names are read.
add('utf8-mixed-with-gbk-row.csv', utf8(['Name,Phone,Card', '王芳,13800138000,VIP001', '李娜,13900139000,VIP002']) + gbk(['张伟,13700137000,VIP003']))

# --- Awkward but good: these import without a problem ---------------------------------------

add('gbk-title-row-chinese-headers.csv', gbk([
    '2024年会员资料（导出）,,,,,',
    ',,,,,',
    '客户姓名,手机号码,会员卡号,性别,出生日期,备注',
    '王芳,13800138000,VIP001,女,1985年3月5日,老客户',
    '李娜,13900139000,VIP002,女,1990年7月12日,',
    '张伟,13700137000,VIP003,男,1978-11-30,喜欢深色',
    '陈静,13600136000,VIP004,女,1992/6/18,',
]))

add('utf16be-bom.txt', b'\xfe\xff' + lines([
    '单号\t日期\t货号\t商品名称\t数量\t金额\t手机',
    'S0101\t2024-03-05\tA1001\t真丝连衣裙\t1\t899.00\t13800138000',
    'S0102\t2024-03-06\tA1009\t棉质衬衫\t2\t658.00\t13900139000',
    'S0103\t2024-03-07\tA1004\t羊毛大衣\t1\t1899.00\t',
]).encode('utf-16-be'))

add('utf16le-no-bom.txt', lines([
    'Order No\tDate\tItem\tQty\tAmount\tPhone',
    'S0201\t2024-03-05\tA1001\t1\t899.00\t13800138000',
    'S0202\t2024-03-06\tA1009\t2\t658.00\t13900139000',
]).encode('utf-16-le'))

# --- Structure: header, quotes, columns, blank lines, delimiters, line ends --------------------

add('only-commas.csv', b',,,,\r\n,,,,\r\n"","",,,\r\n')
add('header-only.csv', BOM + b'\xe5\xa7\x93\xe5\x90\x8d,\xe6\x89\x8b\xe6\x9c\xba,\xe4\xbc\x9a\xe5\x91\x98\xe5\x8d\xa1\xe5\x8f\xb7\r\n,,\r\n\r\n')
add('title-and-header-only.csv', gbk(['会员资料表（2024年）,,', '姓名,手机,会员卡号']))

add('unbalanced-quote.csv', utf8([
    P_HEAD,
    'S0301,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S0302,2024-03-06,A1009,"棉质衬衫,2,658.00,13900139000',
    'S0303,2024-03-07,A1004,羊毛大衣,1,1899.00,13700137000',
    'S0304,2024-03-08,A1017,纯棉T恤,1,129.00,13600136000',
]))

# Quotes that are not CSV quoting: inches in the middle of a cell, and text after a closing quote.
add('stray-quotes.csv', utf8([
    P_HEAD,
    'S0401,2024-03-05,B2001,12" 化妆镜,1,59.00,13800138000',
    'S0402,2024-03-06,B2002,"抱枕"靠垫,2,78.00,13900139000',
    'S0403,2024-03-07,B2003,香薰蜡烛,1,45.00,13700137000',
]))

add('ragged-rows.csv', utf8([
    '姓名,手机,会员卡号,性别,备注',
    '王芳,13800138000,VIP001,女,老客户',
    '李娜,13900139000',
    '张伟',
    '陈静,13600136000,VIP004,女,,,,',
    '刘洋,13500135000,VIP005,男,常客,多余1,多余2',
    '赵敏,13400134000,VIP006,女,',
]))

W_HEAD = '单号,日期,货号,商品名称,数量,单价,金额,手机'
wide = 'S0503,2024-03-07,A1004,羊毛大衣,1,1899.00,1899.00,13700137000,' + ','.join(f'x{i}' for i in range(9, 201))
add('wide-row-200-cells.csv', utf8([
    W_HEAD,
    'S0501,2024-03-05,A1001,真丝连衣裙,1,899.00,899.00,13800138000',
    'S0502,2024-03-06,A1009,棉质衬衫,2,329.00,658.00,13900139000',
    wide,
    'S0504,2024-03-08,A1017,纯棉T恤,1,129.00,129.00,13600136000',
    'S0505,2024-03-09,A1018,亚麻裤,1,259.00,259.00,13500135000',
]))

add('too-many-columns.csv', utf8([
    '姓名,手机,会员卡号,性别,生日,备注',
    '王芳,13800138000,VIP001,女,1985-03-05,',
    '李娜,13900139000,VIP002,女,1990-07-12,' + ','.join('x' for _ in range(496)),  # 5 cells + 496 = 501 cells
    '张伟,13700137000,VIP003,男,1978-11-30,',
]))

add('trailing-empty-lines-and-commas.csv', utf8([
    P_HEAD,
    'S0601,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S0602,2024-03-06,A1009,棉质衬衫,2,658.00,13900139000',
    '',
    'S0603,2024-03-07,A1004,羊毛大衣,1,1899.00,13700137000',
    ',,,,,,',
    ',,,,,,',
    '',
    ' ',
    '',
], bom=True))

add('semicolon-european.csv', utf8([
    'Date;Item;Description;Quantity;Amount;Phone',
    '05.03.2024;A1001;Kleid;1;89;13800138000',
    '14.03.2024;A1009;Hemd;2;120;13900139000',
    '20.03.2024;A1004;Mantel;1;89,90;13700137000',
    '01.04.2024;A1017;T-Shirt;1;1.234,50;13600136000',
]))

add('pipe-delimited.csv', utf8([
    '订单号|日期|货号|数量|金额|手机',
    'S0701|2024-03-05|A1001|1|899.00|13800138000',
    'S0702|2024-03-06|A1004|1|1,899.00|13900139000',
    'S0703|2024-03-07|A1017|2|258.00|',
]))

# One content, three line ends; line 4 has a date that does not exist.
ends = [
    P_HEAD,
    'S0801,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S0802,2024-03-06,A1009,棉质衬衫,2,658.00,13900139000',
    'S0803,2024-02-30,A1004,羊毛大衣,1,1899.00,13700137000',
    'S0804,2024-03-08,A1017,纯棉T恤,1,129.00,13600136000',
]
add('line-endings-crlf.csv', utf8(ends, '\r\n'))
add('line-endings-lf.csv', utf8(ends, '\n'))
add('line-endings-cr.csv', utf8(ends, '\r'))

# A quoted address over two lines (Alt+Enter in Excel): the rows below it start a line later.
add('embedded-newline-in-quotes.csv', utf8([
    '姓名,手机,会员卡号,性别,邮寄地址',
    '王芳,13800138000,VIP001,女,广州市天河区中山路1号',
    '李娜,13900139000,VIP002,女,"广州市越秀区\n解放路8号 (3楼)"',
    '张伟,13700137000,VIP003,未知,"广州市海珠区滨江路""88""号"',
    '陈静,,,女,',
]))

# The same with old Mac line ends: rows end with CR, and so does the line break inside the cell.
add('cr-only-multiline-cell.csv', utf8([
    '姓名,手机,会员卡号,性别,邮寄地址',
    '王芳,13800138000,VIP001,女,"广州市越秀区\r解放路8号"',
    '李娜,13900139000,VIP002,未知,',
    '陈静,,,女,',
], '\r'))

# --- Values -----------------------------------------------------------------------------------

add('formula-cells.csv', utf8([
    '姓名,手机,会员卡号,邮寄地址,备注,喜欢的颜色',
    '王芳,13800138000,VIP001,广州市,"=HYPERLINK(""http://example.com/x"",""点我"")",黑色',
    "=1+1,13900139000,VIP002,+cmd|' /C calc'!A0,普通,米色",
    '张伟,13700137000,VIP003,广州市,@SUM(A1:A9),-1+2',
    "陈静,13600136000,VIP004,\"=cmd|' /C notepad'!'A1'\",'=不是公式,藏青",
]))

add('text-in-amount.csv', utf8([
    P_HEAD,
    'S0901,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S0902,2024-03-05,A1002,赠品,1,免费,13800138000',
    'S0903,2024-03-06,A1009,棉质衬衫,2,N/A,13900139000',
    'S0904,2024-03-06,A1010,围巾,1,,13900139000',
    'S0905,2024-03-07,A1004,羊毛大衣,1,12.5.3,13700137000',
    'S0906,2024-03-07,A1005,羊绒衫,1,"¥1,234.50",13700137000',
    'S0907,2024-03-08,A1017,纯棉T恤,1,"1,23",13600136000',
    'S0908,2024-03-08,A1018,亚麻裤,两件,259.00,13600136000',
]))

add('negative-and-accounting-amounts.csv', utf8([
    P_HEAD,
    'S1001,2024-03-05,A1001,真丝连衣裙,-1,-899.00,13800138000',
    'S1002,2024-03-05,A1009,棉质衬衫,-1,(329.00),13800138000',
    'S1003,2024-03-06,A1004,羊毛大衣,1,¥-12.50,13900139000',
    'S1004,2024-03-06,A1017,纯棉T恤,1,-¥12.50,13900139000',
    'S1005,2024-03-07,A1018,亚麻裤,-1,（58.00）,13700137000',
    'S1006,2024-03-07,A1019,丝巾,1,¥(8.00),13700137000',
    'S1007,2024-03-08,A1020,腰带,1,"-1,299.00元",13600136000',
    'S1008,2024-03-08,A1021,赠品袋,1,0.00,13600136000',
]))

add('impossible-dates.csv', utf8([
    P_HEAD,
    'S1101,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1102,2023-02-29,A1009,棉质衬衫,2,658.00,13900139000',
    'S1103,2024-13-01,A1004,羊毛大衣,1,1899.00,13700137000',
    'S1104,2024-04-31,A1017,纯棉T恤,1,129.00,13600136000',
    'S1105,2024/02/30,A1018,亚麻裤,1,259.00,13500135000',
    'S1106,2024-02-29,A1019,丝巾,1,88.00,13400134000',
    'S1107,2024-03-05 25:10,A1020,腰带,1,99.00,13400134000',
]))

add('unknown-date-formats.csv', utf8([
    P_HEAD,
    'S1201,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1202,next Tuesday,A1009,棉质衬衫,2,658.00,13900139000',
    'S1203,32.13.2024,A1004,羊毛大衣,1,1899.00,13700137000',
    'S1204,昨天,A1017,纯棉T恤,1,129.00,13600136000',
    'S1205,2024年3月,A1018,亚麻裤,1,259.00,13500135000',
    'S1206,Mar 5 2024,A1019,丝巾,1,88.00,13400134000',
    'S1207,,A1020,腰带,1,99.00,13400134000',
    'S1208,45356,A1021,手套,1,59.00,13400134000',
]))

add('ambiguous-dates.csv', utf8([
    P_HEAD,
    'S1301,03/04/2024,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1302,05/06/2024,A1009,棉质衬衫,2,658.00,13900139000',
    'S1303,01/02/2024,A1004,羊毛大衣,1,1899.00,13700137000',
    'S1304,11/12/2024,A1017,纯棉T恤,1,129.00,13600136000',
    'S1305,07/07/2024,A1018,亚麻裤,1,259.00,13500135000',
]))

add('duplicate-customers.csv', utf8([
    '客户编号,姓名,手机,会员卡号,尺码',
    'C001,王芳,13800138000,VIP001,M',
    'C002,李娜,13900139000,VIP002,',
    'C001,王芳,138 0013 8000,VIP001,L',
    'C002,李娜,+86 139-0013-9000,VIP002,S',
    'C003,张伟,13700137000,VIP003,XL',
]))

add('duplicate-id-different-phone.csv', utf8([
    '客户编号,姓名,手机,会员卡号',
    'C101,王芳,13800138000,VIP101',
    'C102,李娜,,VIP102',
    'C101,王芳,13800138001,VIP101',
    'C102,李娜,13900139000,VIP102',
]))

add('excel-damaged-phones.csv', utf8([
    '姓名,手机,会员卡号',
    '王芳,1.38001E+10,VIP201',
    '李娜,1390013900,VIP202',
    '张伟,13700137000.0,VIP203',
    '陈静,1.37001E+10,',
    '刘洋,12345,VIP205',
    '赵敏,+86 135 0013 5000,VIP206',
]))

add('no-header-row.csv', utf8([
    '王芳,13800138000,VIP001,女',
    '李娜,13900139000,VIP002,女',
    '张伟,13700137000,VIP003,男',
]))

add('purchases-no-date.csv', utf8([
    '单号,货号,商品名称,数量,金额,手机',
    'S1401,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1402,A1009,棉质衬衫,2,658.00,13900139000',
]))

add('purchases-no-amount.csv', utf8([
    '单号,日期,货号,商品名称,数量,手机',
    'S1501,2024-03-05,A1001,真丝连衣裙,1,13800138000',
    'S1502,2024-03-06,A1009,棉质衬衫,2,13900139000',
]))

add('total-row-at-bottom.csv', utf8([
    P_HEAD,
    'S1601,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1602,2024-03-06,A1009,棉质衬衫,2,658.00,13900139000',
    'S1603,2024-03-07,A1004,羊毛大衣,1,"1,899.00",13700137000',
    '合计,,,,4,"3,456.00",',
], bom=True))

# A day report: a 小计 (subtotal) under each day, with the day filled in, and a 合计 at the bottom.
add('subtotal-rows-with-dates.csv', utf8([
    P_HEAD,
    'S1701,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1702,2024-03-05,A1009,棉质衬衫,2,658.00,13900139000',
    '小计,2024-03-05,,,3,"1,557.00",',
    'S1703,2024-03-06,A1004,羊毛大衣,1,"1,899.00",13700137000',
    '小计,2024-03-06,,,1,"1,899.00",',
    '合计,,,,4,"3,456.00",',
], bom=True))

# Customers whose names start with a total word: 岑 is romanised 'Sum' in Hong Kong.
add('summary-word-in-name.csv', utf8([
    '姓名,手机,会员卡号,客户类型',
    '王芳,13800138000,VIP301,个人',
    'Sum Wing Kei,13900139000,VIP302,个人',
    'Total Beauty Salon,02087654321,VIP303,企业',
    '合计,3,,',
]))

# 16-digit card numbers that Excel showed (and saved) as 6.22848E+15: three people, one text.
add('excel-damaged-card-numbers.csv', utf8([
    '姓名,手机,会员卡号',
    '王芳,13800138000,6.22848E+15',
    '李娜,13900139000,6.22848E+15',
    '张伟,,6.22848E+15',
    '刘洋,13600136000,6228480012345678',
]))

# Two exports joined (copy /b a.csv+b.csv): the second BOM and header land in the middle.
add('concatenated-exports.csv', utf8([
    P_HEAD,
    'S1801,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000',
    'S1802,2024-03-06,A1009,棉质衬衫,2,658.00,13900139000',
], bom=True) + utf8([
    P_HEAD,
    'S1803,2024-03-07,A1004,羊毛大衣,1,1899.00,13700137000',
], bom=True))


# A sales sheet kept by hand: customer, phone, birthday and the purchase on one row. 李娜 has no
# phone (twice, two visits): she is one customer filed by name, both lines hers.
add('sales-row-without-phone.csv', utf8([
    '姓名,手机号,生日,消费金额,消费日期',
    '王芳,13800138000,1985-03-05,299.00,2024-03-01',
    '李娜,,1990-07-12,158.00,2024-03-02',
    '张伟,13700137000,1978-11-30,89.50,2024-03-03',
    '李娜,,1990-07-12,42.00,2024-03-09',
]))

# A transaction log naming customers by an id no customer file has given the store (as CDNOW's).
add('purchases-unknown-customer-ids.csv', utf8([
    'customer_id,date,quantity,amount',
    '00001,1997-01-01,1,11.77',
    '00002,1997-01-12,1,12.00',
    '00002,1997-01-12,5,77.00',
    '00003,1997-01-02,2,20.76',
    '00001,1997-03-30,2,20.76',
], eol='\n'))


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    for name, data in files.items():
        assert len(data) <= 8192, (name, len(data))
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(data)
    print(f'{len(files)} files in {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()
