import { t } from '../../../lib/i18n.ts';
import type { Area } from '../api/types.ts';

/** What an area covers, in a few words: its ZIP codes, its corners, or its radius. */
function summaryOf(area: Area): string {
  switch (area.kind) {
    case 'zips':
      return t('adminAreas.summary.zips', {
        count: area.definition.zips?.length ?? 0,
        zips: (area.definition.zips ?? []).slice(0, 6).join(', '),
      });
    case 'circle':
      return t('adminAreas.summary.circle', {
        radius: new Intl.NumberFormat(document.documentElement.lang).format(
          area.definition.radiusMeters ?? 0,
        ),
      });
    case 'polygon':
      return t('adminAreas.summary.polygon');
  }
}

function RowActions(props: {
  area: Area;
  isConfirming: boolean;
  onEdit: () => void;
  onAskDelete: (isAsking: boolean) => void;
  onDelete: () => void;
}) {
  const { area } = props;
  if (props.isConfirming)
    return (
      <>
        <button type="button" class="button-danger" onClick={props.onDelete}>
          {t('adminAreas.confirmDelete', { name: area.name })}
        </button>
        <button type="button" class="button-secondary" onClick={() => props.onAskDelete(false)}>
          {t('adminAreas.cancel')}
        </button>
      </>
    );
  return (
    <>
      <button
        type="button"
        class="button-secondary"
        aria-label={t('adminAreas.editNamed', { name: area.name })}
        onClick={props.onEdit}
      >
        {t('adminAreas.edit')}
      </button>
      <button
        type="button"
        class="button-secondary"
        aria-label={t('adminAreas.deleteNamed', { name: area.name })}
        onClick={() => props.onAskDelete(true)}
      >
        {t('adminAreas.delete')}
      </button>
    </>
  );
}

const columns = ['adminAreas.name', 'adminAreas.kind', 'adminAreas.covers', 'adminAreas.actions'];

export function AreaTable(props: {
  areas: Area[];
  confirmingId: string | null;
  onEdit: (area: Area) => void;
  onAskDelete: (areaId: string | null) => void;
  onDelete: (area: Area) => void;
}) {
  return (
    <table class="admin-table" id="area-list">
      <caption>{t('adminAreas.listCaption', { count: props.areas.length })}</caption>
      <thead>
        <tr>
          {columns.map((key) => (
            <th scope="col" key={key}>
              {t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.areas.map((area) => (
          <tr key={area.id} data-area-kind={area.kind}>
            <td dir="auto">{area.name}</td>
            <td>{t(`adminAreas.kind.${area.kind}`)}</td>
            <td>{summaryOf(area)}</td>
            <td class="row-actions">
              <RowActions
                area={area}
                isConfirming={props.confirmingId === area.id}
                onEdit={() => props.onEdit(area)}
                onAskDelete={(isAsking) => props.onAskDelete(isAsking ? area.id : null)}
                onDelete={() => props.onDelete(area)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
