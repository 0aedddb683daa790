/** Downloads a filled sample file (lib/import/samples), named in the UI's language. */
import { t } from '../../i18n/i18n.svelte';
import { sampleCsv, type SampleKind } from '../../lib/import/samples';
import { saveBlob } from '../download';

export function downloadSample(kind: SampleKind): void {
  saveBlob(new Blob([sampleCsv(kind)], { type: 'text/csv;charset=utf-8' }), `${t(`samples.file.${kind}`)}.csv`);
}
