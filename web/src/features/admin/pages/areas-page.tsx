import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, messageOf } from '../../../lib/message.ts';
import { Notice } from '../../../lib/notice.tsx';
import { useResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { deleteArea, listAreas } from '../api/areas.ts';
import type { Area } from '../api/types.ts';
import { AreaEditorMap } from '../components/area-editor-map.tsx';
import { AreaForm } from '../components/area-form.tsx';
import { AreaTable } from '../components/area-table.tsx';

const noAreas: Area[] = [];

/** Admins list, add, change and delete the network's areas (roles and alerts are limited to them). */
export function AreasPage() {
  const areaList = useResource(listAreas, []);
  const areas = areaList.data ?? noAreas;
  const [editing, setEditing] = useState<Area | 'new' | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const action = useAction();

  const remove = async (area: Area) => {
    const isDeleted = await action.succeeds(() => deleteArea(area.id), {
      done: messageOf('adminAreas.deleted', { name: area.name }),
    });
    if (!isDeleted) return;
    setConfirmingId(null);
    await areaList.reload();
  };
  const saved = async (area: Area) => {
    action.setMessage(messageOf('adminAreas.saved', { name: area.name }));
    setEditing(null);
    await areaList.reload();
  };
  const loadFailure = areaList.error ? errorMessageOf(areaList.error, 'adminAreas.loadFailed') : null;

  return (
    <section class="panel wide" aria-labelledby="areas-title">
      <h1 id="areas-title">{t('adminAreas.title')}</h1>
      <p class="hint">{t('adminAreas.intro')}</p>
      <Notice message={action.message ?? loadFailure} />
      {editing ? (
        <AreaForm
          key={editing === 'new' ? 'new' : editing.id}
          area={editing === 'new' ? null : editing}
          areas={areas}
          onSaved={(area) => void saved(area)}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <p>
          <button type="button" class="button" id="area-new" onClick={() => setEditing('new')}>
            {t('adminAreas.new')}
          </button>
        </p>
      )}
      {/* The form has its own map; otherwise one map shows every area of the network. */}
      {!editing && areas.length > 0 ? (
        <div class="area-overview">
          <AreaEditorMap
            mode="none"
            areas={areas}
            vertices={[]}
            isClosed={false}
            center={null}
            radiusMeters={0}
            onMapClick={() => undefined}
          />
        </div>
      ) : null}
      {areas.length === 0 ? (
        <p class="empty">{t('adminAreas.empty')}</p>
      ) : (
        <AreaTable
          areas={areas}
          confirmingId={confirmingId}
          onEdit={setEditing}
          onAskDelete={setConfirmingId}
          onDelete={(area) => void remove(area)}
        />
      )}
    </section>
  );
}
