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

# --- Issue 16: no wrong value stored without a warning ------------------------------------------
# Encodings other than UTF-8 and GBK: each must be recognised, or refused, never read as GBK.
C_HEAD_EN = 'Name,Phone,Card'

add('big5-customers.csv', lines([C_HEAD_EN, '陳美玲,13800138000,VIP501', '黃志強,13900139000,VIP502', '張家豪,13700137000,VIP503']).encode('big5'))
add('shift-jis-customers.csv', lines([C_HEAD_EN, '田中太郎,13800138000,VIP511', '佐藤花子,13900139000,VIP512', 'すずき　いちろう,13700137000,VIP513']).encode('shift_jis'))
add('windows-1252-accents.csv', lines([C_HEAD_EN, 'José Müller,13800138000,VIP521', 'Françoise Dupré,13900139000,VIP522', 'Zoë O’Brien,13700137000,VIP523']).encode('cp1252'))
# UTF-16 without a BOM and almost no ASCII: too few zero bytes for the old half-and-half test.
add('utf16le-no-bom-chinese.txt', lines(['姓名\t手机', '陈美玲\t13800138000', '欧阳娜娜\t13900139000', '司马相如\t13700137000']).encode('utf-16-le'))
add('utf16be-no-bom.txt', lines(['姓名,手机', '王芳,13800138000', '李娜,13900139000']).encode('utf-16-be'))
# High bytes in patterns no encoding makes text of: C1 and unassigned bytes, runs of symbols.
rnd16 = random.Random(16)
junk = bytearray()
for _ in range(120):
    junk += b'A,' + bytes(rnd16.choice([0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xff, 0xfe, 0x85]) for _ in range(6)) + b'\r\n'
add('undecodable-high-bytes.csv', bytes(junk))
# Control characters without NULs: a binary file in disguise.
add('control-chars-no-nul.csv', bytes((b % 31) + 1 for b in range(1024)))
# GBK regressions: a single Chinese name in ASCII rows; names with GB2312 level-2 and GBK-only characters.
add('gbk-one-name-in-ascii.csv', gbk(['Name,Phone,Card'] + [f'Customer {i},1380013{i:04d},VIP{i}' for i in range(40)] + ['王芳,13900139000,VIP999']))
add('gbk-rare-name-characters.csv', gbk(['姓名,手机', '欧阳娜娜,13800138000', '诸葛亮,13900139000', '龚琳娜,13700137000', '王喆,13600136000', '陈昱璟,13500135000', '赵丽颖,13400134000']))
# Two exports in different encodings joined: GBK rows, then Big5 rows.
add('gbk-and-big5-joined.csv', gbk(['Name,Phone', '王芳,13800138000', '李娜,13900139000']) + lines(['陳美玲,13700137000', '黃志強,13600136000', '張家豪,13500135000', '劉德華,13400134000']).encode('big5'))


def zip_parts(parts: dict[str, bytes], level: int = 9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (2024, 3, 5, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=level)
    return buf.getvalue()


def workbook(sheet_rows: str, pad: int = 0) -> dict[str, bytes]:
    """A minimal .xlsx: one sheet of inline-string and number cells (`pad` spaces inside the sheet XML)."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="会员" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + sheet_rows + ' ' * pad + '</sheetData></worksheet>')
    return {'[Content_Types].xml': ct.encode(), '_rels/.rels': rels.encode(), 'xl/workbook.xml': wb.encode(),
            'xl/_rels/workbook.xml.rels': wb_rels.encode(), 'xl/worksheets/sheet1.xml': sheet.encode()}


def xrow(n: int, cells: list) -> str:
    out = []
    for i, v in enumerate(cells):
        ref = f'{"ABCDEFGH"[i]}{n}'
        out.append(f'<c r="{ref}"><v>{v}</v></c>' if isinstance(v, int) else f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
    return f'<row r="{n}">' + ''.join(out) + '</row>'


# 16-digit card numbers kept as numbers: two cards one digit apart, and one Excel already cut to 15 digits.
CARD_ROWS = xrow(1, ['姓名', '手机', '会员卡号']) + xrow(2, ['王芳', 13800138000, 6228480012345678]) + xrow(3, ['李娜', '', 6228480012345679]) + xrow(4, ['张伟', '', 6228480012345670]) + xrow(5, ['刘洋', 13600136000, 'VIP531'])
add('xlsx-card-numbers-16-digits.xlsx', zip_parts(workbook(CARD_ROWS)))


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size changed in its local header and the central directory."""
    b = bytearray(data)
    name = member.encode()
    for sig, offset in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
        at = 0
        while (at := b.find(sig, at)) != -1:
            name_len = struct.unpack_from('<H', b, at + (26 if sig == b'PK\x03\x04' else 28))[0]
            start = at + (30 if sig == b'PK\x03\x04' else 46)
            if bytes(b[start:start + name_len]) == name:
                struct.pack_into('<I', b, at + offset, size)
            at += 4
    return bytes(b)


SMALL_ROWS = xrow(1, ['姓名', '手机']) + xrow(2, ['王芳', 13800138000])
# A zip bomb by its directory: the sheet declares 4 GB (it holds a few hundred bytes).
add('xlsx-zip-bomb-declared.xlsx', declare_size(zip_parts(workbook(SMALL_ROWS)), 'xl/worksheets/sheet1.xml', 0xFFFFFF00))
# A zip bomb by its ratio: 3 MB of spaces in the sheet, packed to a few KB (declared truthfully).
add('xlsx-zip-ratio.xlsx', zip_parts(workbook(SMALL_ROWS, pad=3 * 1024 * 1024)))
# The same, lying: the directory says the sheet is 1 KB. Caught once inflated.
add('xlsx-zip-size-lies.xlsx', declare_size(zip_parts(workbook(SMALL_ROWS, pad=3 * 1024 * 1024)), 'xl/worksheets/sheet1.xml', 1024))

# Limits: a note of exactly 1,000 characters (kept), a name of 1,001 and one of 1,700 (rows refused).
add('field-over-1000-chars.csv', utf8(['姓名,手机,备注', '王芳,13800138000,' + '备' * 1000, '李' * 1001 + ',13900139000,', '张伟,13700137000,', '刘' * 1700 + ',13600136000,']))
# A header of 600 columns: refused on line 1, before any row is read.
add('header-600-columns.csv', utf8([','.join(['姓名', '手机'] + [f'列{i}' for i in range(598)]), '王芳,13800138000']))

# Values. Purchases dated 2099 (after any today), one today-ish past date.
add('future-purchase-dates.csv', utf8([P_HEAD, 'S1601,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000', 'S1602,2099-03-05,A1009,棉质衬衫,1,329.00,13900139000', 'S1603,2204-03-06,A1004,羊毛大衣,1,1899.00,13700137000']))
add('future-birthday.csv', utf8(['姓名,手机,生日', '王芳,13800138000,1985-03-05', '李娜,13900139000,2099-07-12', '张伟,13700137000,2199/1/1']))
add('huge-amount.csv', utf8([P_HEAD, 'S1611,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000', 'S1612,2024-03-05,A1009,棉质衬衫,1,"12,000,000.00",13900139000', 'S1613,2024-03-06,A1004,羊毛大衣,-1,-10000000.01,13700137000', 'S1614,2024-03-06,A1004,羊毛大衣,1,10000000.00,13700137000']))
add('huge-quantity.csv', utf8([P_HEAD, 'S1621,2024-03-05,A1001,真丝连衣裙,100000,899.00,13800138000', 'S1622,2024-03-05,A1009,棉质衬衫,250000,329.00,13900139000']))
# Quantity × unit price past the largest number: that line is flagged, the others imported.
add('quantity-times-price-infinity.csv', utf8(['单号,日期,货号,数量,单价,手机', 'S1631,2024-03-05,A1001,2,899.00,13800138000', 'S1632,2024-03-05,A1009,' + '9' * 200 + ',' + '9' * 200 + ',13900139000', 'S1633,2024-03-06,A1004,1,329.00,13700137000']))
# An amount whose fen no longer fit a whole number exactly (over 2^53 fen).
add('amount-beyond-safe-integer.csv', utf8([P_HEAD, 'S1641,2024-03-05,A1001,真丝连衣裙,1,899.00,13800138000', 'S1642,2024-03-05,A1009,棉质衬衫,1,123456789012345678.00,13900139000']))
# The same line 1,000 times (a paste gone wrong), between two other lines.
add('repeated-line-1000-times.csv', utf8(['日期,金额,手机', '2024-03-04,58,13900139000'] + ['2024-03-05,99,13800138000'] * 1000 + ['2024-03-06,12,13700137000']))

# Look-alike text: U+202E shows '王芳' as '芳王'; zero-width spaces split names and ids.
add('rlo-in-names.csv', utf8(['姓名,手机', '\u202e王芳,13800138000', '李\u202e娜\u202c,13900139000', '张伟,13700137000']))
add('zero-width-in-names.csv', utf8(['姓名,手机,会员卡号', '王\u200b芳,13800138000,VIP541', '李\u200d娜,13900139000,VIP\u200b542', '\u2060张伟,13700137000,VIP543']))
add('lookalike-twins.csv', utf8(['姓名,手机,生日', '王芳,13800138000,1985-03-05', '王\u200b芳,13900139000,1985-03-05', '李娜,13700137000,', '李娜,13600136000,']))


# --- File shapes (issue 15 §1, issue 16 "Structure") -----------------------------------------

# A transaction log with no header: runs of spaces, leading padding (CDNOW's layout), a $0 line.
add('blank-separated-no-header.txt', utf8([
    ' 00004 0001 19970101  2   29.33',
    ' 00004 0001 19970118  2   29.73',
    ' 00021 0002 19970101  3   63.34',
    ' 00050 0003 19970102  1    0.00',
]))

# Tabs and spaces mixed in the runs (a log pasted from a terminal): still columns of blanks.
add('tab-and-space-runs.txt', utf8([
    '00004\t  19970101 \t2\t29.33',
    '00021  \t19970105   1   10.00',
    '00021\t\t19970212\t4\t45.60',
]))

# A fixed-width report: English headers, names with a space, an empty city on line 3.
add('fixed-width-report.txt', utf8([
    'Customer Name  Mobile Phone  City',
    'Wang Fang      13800138000   Guangzhou',
    'Li Na          13900139000',
    'Zhang Wei      13700137000   Shenzhen',
]))

# A comma file with no header: phone, ISO date, amount from line 1.
add('no-header-purchases.csv', utf8([
    '13800138000,2024-03-05,899.00',
    '13900139000,2024-03-06,658.00',
    '13800138000,2024-03-09,120.50',
]))

# The same header twice (手机 for the mobile and for the landline).
add('duplicate-headers.csv', utf8([
    '姓名,手机,手机,备注',
    '王芳,13800138000,13900139000,老客户',
    '李娜,,13700137000,',
]))

# A Markdown table pasted from a chat or a wiki: outer pipes, an alignment rule, padded cells.
add('markdown-table.txt', utf8([
    '| 姓名 | 手机 | 会员卡号 |',
    '|:-----|-----:|:--------:|',
    '| 王芳 | 13800138000 | VIP001 |',
    '| 李娜 | 13900139000 | VIP002 |',
], eol='\n'))

# CRLF, LF and a lone CR in one file (two exports pasted together on different systems).
add('line-endings-mixed.csv', ('单号,日期,金额,手机\r\n'
    'S1,2024-03-05,10.00,13800138000\n'
    'S2,2024-03-06,20.00,13900139000\r'
    'S3,2024-03-07,30.00,13700137000\r\n'
    'S4,2024-03-08,40.00,13600136000\n').encode('utf-8'))

# A NUL byte inside line 3 (a damaged disk block): only that row fails.
add('nul-byte-in-row.csv', utf8([
    '姓名,手机,会员卡号,备注',
    '王芳,13800138000,VIP001,老客户，每月都来',
    '李娜,13900139000,VIP\x00002,损坏的一行',
    '张伟,13700137000,VIP003,喜欢深色',
    '陈静,13600136000,VIP004,生日在三月',
    '刘洋,13500135000,VIP005,',
]))

# What a web system's "export to Excel" hands out: an HTML table saved as .xls.
add('html-table-as-xls.xls', utf8([
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">',
    '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>',
    '<body><table border="1">',
    '<tr><th>姓名</th><th>手机</th></tr>',
    '<tr><td>王芳</td><td>13800138000</td></tr>',
    '</table></body></html>',
]))

# A bare table, named .csv.
add('html-table-as-csv.csv', utf8([
    '<table>',
    '<tr><td>姓名</td><td>手机</td></tr>',
    '<tr><td>王芳</td><td>13800138000</td></tr>',
    '</table>',
], bom=True))

# Excel 2003 XML Spreadsheet saved as .xls.
add('excel-2003-xml-as-xls.xls', utf8([
    '<?xml version="1.0"?>',
    '<?mso-application progid="Excel.Sheet"?>',
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
    ' <Worksheet ss:Name="Sheet1"><Table>',
    '  <Row><Cell><Data ss:Type="String">姓名</Data></Cell><Cell><Data ss:Type="String">手机</Data></Cell></Row>',
    '  <Row><Cell><Data ss:Type="String">王芳</Data></Cell><Cell><Data ss:Type="Number">13800138000</Data></Cell></Row>',
    ' </Table></Worksheet>',
    '</Workbook>',
]))

# English headers as the README promises they map.
add('english-headers.csv', utf8([
    'Customer Name,Mobile Phone,Membership No.,Date of Birth,Gender,E-mail',
    'Wang Fang,13800138000,VIP001,1985-03-05,F,wang@example.cn',
    'Li Na,13900139000,VIP002,1990-07-12,Female,',
]))

# Purchases with YYYYMMDD dates: nothing to ask about day/month.
add('compact-dates.csv', utf8([
    '单号,日期,金额,手机',
    'S1,20240305,10.00,13800138000',
    'S2,20240412,20.00,13900139000',
]))

# Birthdays that read two ways (5/3/1990), on a customer list with no purchase dates.
add('ambiguous-birthdays.csv', utf8([
    '姓名,手机,生日',
    '王芳,13800138000,5/3/1990',
    '李娜,13900139000,4/6/1988',
]))


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
        assert len(data) <= 40 * 1024, (name, len(data))
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(data)
    print(f'{len(files)} files in {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()
