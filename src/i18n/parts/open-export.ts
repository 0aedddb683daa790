/** The open-format export for a head office: Parquet, data dictionary, the analysis as SQL (issue 19). */
import { part } from './part';

export const openExportMessages = part({
  zh: {
    'openExport.title': '总部数据包（Parquet + SQL）',
    'openExport.explain': '把本店的购买明细（含剔除行及原因）、顾客档案和当前分析结果导出为 Parquet，附数据字典和 DuckDB / Spark SQL 脚本。总部把各门店的数据包放在一起运行脚本，结果与本店客情完全一致。手机号已遮蔽。',
    'openExport.storeId': '门店编号',
    'openExport.storeIdHint': '每行数据都带此编号；总部可改成自己的门店代码（字母、数字、- 或 _）',
    'openExport.shared': '连锁各店共用会员号（顾客编号用会员自己的客户编号，不加门店前缀）',
    'openExport.download': '导出总部数据包（.zip）',
    'openExport.working': '正在生成数据包…',
    'openExport.done': '已导出：{lines} 行购买明细、{customers} 位顾客、{scored} 位顾客的分析结果',
    'openExport.saved': '已保存门店编号 {id}',
    'openExport.fileName': '总部数据包',
    'errors.openExport.badStoreId': '门店编号只能是 1–{max} 个字母、数字、- 或 _',
  },
  en: {
    'openExport.title': 'Head-office package (Parquet + SQL)',
    'openExport.explain': "Exports this store's purchase lines (excluded ones too, with the reason), customer file and current analysis as Parquet, with a data dictionary and the analysis as DuckDB / Spark SQL. A head office puts the stores' packages side by side and runs the script: the results equal each store's Keqing. Phones are masked.",
    'openExport.storeId': 'Store id',
    'openExport.storeIdHint': "Written on every row; a head office may use its own store code (letters, digits, - or _)",
    'openExport.shared': "The chain's stores share member ids (customer ids are the member's own id, not prefixed by store)",
    'openExport.download': 'Export head-office package (.zip)',
    'openExport.working': 'Building the package…',
    'openExport.done': 'Exported {lines} purchase lines, {customers} customers and the analysis of {scored} customers',
    'openExport.saved': 'Store id {id} saved',
    'openExport.fileName': 'head-office-package',
    'errors.openExport.badStoreId': 'A store id is 1–{max} letters, digits, - or _',
  },
});
