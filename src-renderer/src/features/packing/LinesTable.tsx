// The shipment's lines: expected and verified per item, coloured missing / done / over.
import { useTranslation } from 'react-i18next';
import type { PackLine } from '../../../../src-preload/contract';

export function LinesTable({ lines, highlight }: { lines: readonly PackLine[]; highlight: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="pack-lines" aria-labelledby="pack-lines-title">
      <h2 id="pack-lines-title">{t('packing.lines.title')}</h2>
      <table className="table pack-table">
        <thead>
          <tr>
            <th aria-hidden="true" />
            <th>{t('packing.lines.item')}</th>
            <th>{t('packing.lines.sku')}</th>
            <th className="num">{t('packing.lines.verified')}</th>
            <th className="num">{t('packing.lines.expected')}</th>
            <th aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr
              key={l.id}
              className={`pack-line pack-line-${l.state}${l.id === highlight ? ' pack-line-hit' : ''}`}
              data-testid="pack-line"
              data-sku={l.sku}
              data-state={l.state}
            >
              <td className="pack-thumb">{l.imageUrl ? <img src={l.imageUrl} alt="" loading="lazy" width={40} height={40} /> : null}</td>
              <td className="pack-line-name">{l.name}</td>
              <td>
                <code>{l.sku}</code>
              </td>
              <td className="num pack-count" data-testid="pack-line-verified">
                {l.verified}
              </td>
              <td className="num pack-count">{l.expected}</td>
              <td className="pack-state">{t(`packing.lines.states.${l.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
