import { h } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, get } from './api.ts';
import { AreaForm } from './admin-area-form.ts';
import { AreaEditorMap } from './area-editor.ts';
import type { Area } from './admin-area-form.ts';
import { t } from './i18n.ts';
import { errorNoticeOf, noticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';

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

/** Admins list, add, change and delete the network's areas (roles and alerts are limited to them). */
export function AreasView() {
  const [areas, setAreas] = useState<Area[]>([]);
  const [editing, setEditing] = useState<Area | 'new' | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const refresh = useCallback(async () => {
    try {
      setAreas((await get<{ areas: Area[] }>('/api/areas')).areas);
    } catch (caught) {
      setNotice(errorNoticeOf(caught, 'adminAreas.loadFailed'));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const remove = async (area: Area) => {
    try {
      await api('DELETE', `/api/areas/${area.id}`);
      setNotice(noticeOf('adminAreas.deleted', { name: area.name }));
      setConfirmingId(null);
      await refresh();
    } catch (caught) {
      setNotice(errorNoticeOf(caught, 'action.failed'));
    }
  };

  const saved = async (area: Area) => {
    setNotice(noticeOf('adminAreas.saved', { name: area.name }));
    setEditing(null);
    await refresh();
  };

  return h(
    'section',
    { class: 'panel wide', 'aria-labelledby': 'areas-title' },
    h('h1', { id: 'areas-title' }, t('adminAreas.title')),
    h('p', { class: 'hint' }, t('adminAreas.intro')),
    notice ? h('p', { class: 'notice', role: 'status' }, notice.render()) : null,
    editing
      ? h(AreaForm, {
          key: editing === 'new' ? 'new' : editing.id,
          area: editing === 'new' ? null : editing,
          areas,
          onSaved: (area) => void saved(area),
          onCancel: () => setEditing(null),
        })
      : h(
          'p',
          null,
          h(
            'button',
            { type: 'button', class: 'button', id: 'area-new', onClick: () => setEditing('new') },
            t('adminAreas.new'),
          ),
        ),
    // The form has its own map; otherwise one map shows every area of the network.
    !editing && areas.length > 0
      ? h(
          'div',
          { class: 'area-overview' },
          h(AreaEditorMap, {
            mode: 'none',
            areas,
            vertices: [],
            isClosed: false,
            center: null,
            radiusMeters: 0,
            onMapClick: () => undefined,
          }),
        )
      : null,
    areas.length === 0
      ? h('p', { class: 'empty' }, t('adminAreas.empty'))
      : h(
          'table',
          { class: 'admin-table', id: 'area-list' },
          h('caption', null, t('adminAreas.listCaption', { count: areas.length })),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['adminAreas.name', 'adminAreas.kind', 'adminAreas.covers', 'adminAreas.actions'].map((key) =>
                h('th', { scope: 'col', key }, t(key)),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            areas.map((area) =>
              h(
                'tr',
                { key: area.id, 'data-area-kind': area.kind },
                h('td', { dir: 'auto' }, area.name),
                h('td', null, t(`adminAreas.kind.${area.kind}`)),
                h('td', null, summaryOf(area)),
                h('td', { class: 'row-actions' }, rowActions(area)),
              ),
            ),
          ),
        ),
  );

  function rowActions(area: Area) {
    if (confirmingId === area.id) {
      return [
        h(
          'button',
          { type: 'button', class: 'button-danger', key: 'yes', onClick: () => void remove(area) },
          t('adminAreas.confirmDelete', { name: area.name }),
        ),
        h(
          'button',
          { type: 'button', class: 'button-secondary', key: 'no', onClick: () => setConfirmingId(null) },
          t('adminAreas.cancel'),
        ),
      ];
    }
    return [
      h(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          key: 'edit',
          'aria-label': t('adminAreas.editNamed', { name: area.name }),
          onClick: () => setEditing(area),
        },
        t('adminAreas.edit'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button-secondary',
          key: 'delete',
          'aria-label': t('adminAreas.deleteNamed', { name: area.name }),
          onClick: () => setConfirmingId(area.id),
        },
        t('adminAreas.delete'),
      ),
    ];
  }
}
