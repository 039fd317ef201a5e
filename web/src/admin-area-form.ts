import { h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ApiError, api } from './api.ts';
import { AreaEditorMap, polygonOf, verticesFromText, verticesOf, verticesToText } from './area-editor.ts';
import type { DrawMode, LatLon, ShownArea } from './area-editor.ts';
import { t } from './i18n.ts';
import { errorNoticeOf, noticeOf } from './admin-notice.ts';
import type { Notice } from './admin-notice.ts';

export type AreaKind = 'polygon' | 'zips' | 'circle';

export interface Area extends ShownArea {
  kind: AreaKind;
  definition: {
    geojson?: unknown;
    zips?: string[];
    center?: LatLon;
    radiusMeters?: number;
  };
}

const kinds: AreaKind[] = ['polygon', 'zips', 'circle'];
const defaultRadiusMeters = 1000;

/** What the form edits; strings where a person types, so a half-typed number is not lost. */
interface Draft {
  name: string;
  kind: AreaKind;
  vertices: LatLon[];
  isClosed: boolean;
  zips: string;
  lat: string;
  lon: string;
  radius: string;
}

function draftOf(area: Area | null): Draft {
  const vertices = area?.kind === 'polygon' ? verticesOf(area.definition.geojson) : [];
  return {
    name: area?.name ?? '',
    kind: area?.kind ?? 'polygon',
    vertices,
    isClosed: vertices.length >= 3,
    zips: area?.definition.zips?.join(', ') ?? '',
    lat: area?.definition.center ? String(area.definition.center.lat) : '',
    lon: area?.definition.center ? String(area.definition.center.lon) : '',
    radius: String(area?.definition.radiusMeters ?? defaultRadiusMeters),
  };
}

/** The request body, or the key of the message explaining what is missing. */
function bodyOf(draft: Draft): { body: Record<string, unknown> } | { problem: string } {
  const name = draft.name.trim();
  if (!name) return { problem: 'adminAreas.nameMissing' };
  switch (draft.kind) {
    case 'polygon':
      if (!draft.isClosed || draft.vertices.length < 3) return { problem: 'adminAreas.polygonOpen' };
      return { body: { name, kind: 'polygon', geojson: polygonOf(draft.vertices) } };
    case 'zips': {
      const zips = draft.zips.split(/[\s,;]+/).filter(Boolean);
      if (zips.length === 0 || zips.some((zip) => !/^\d{5}$/.test(zip)))
        return { problem: 'adminAreas.zipsFormat' };
      return { body: { name, kind: 'zips', zips } };
    }
    case 'circle': {
      const lat = Number(draft.lat);
      const lon = Number(draft.lon);
      const radiusMeters = Number(draft.radius);
      const isPlaced = draft.lat !== '' && draft.lon !== '' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
      if (!isPlaced) return { problem: 'adminAreas.centerMissing' };
      if (!(radiusMeters >= 10 && radiusMeters <= 100_000)) return { problem: 'adminAreas.radiusRange' };
      return { body: { name, kind: 'circle', center: { lat, lon }, radiusMeters } };
    }
  }
}

/** The server's message for a refused save; unknown ZIP codes are listed by number. */
function saveErrorOf(caught: unknown): Notice {
  if (caught instanceof ApiError && caught.code === 'ZIP_UNKNOWN') {
    const zips = (caught.message.match(/\b\d{5}\b/g) ?? []).join(', ');
    return { render: () => `${t('error.ZIP_UNKNOWN')} ${t('adminAreas.unknownZips', { zips })}` };
  }
  return errorNoticeOf(caught, 'action.failed');
}

/** Create or edit one area: a polygon drawn on the map, a ZIP list, or a point and a radius. */
export function AreaForm(props: {
  area: Area | null;
  areas: Area[];
  onSaved: (area: Area) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.area));
  const [verticesText, setVerticesText] = useState(() => verticesToText(draft.vertices));
  const [error, setError] = useState<Notice | null>(null);
  const [isBusy, setBusy] = useState(false);
  const change = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const setVertices = (vertices: LatLon[], isClosed: boolean) => {
    change({ vertices, isClosed });
    setVerticesText(verticesToText(vertices));
  };

  const onMapClick = (point: LatLon) => {
    if (draft.kind === 'circle') change({ lat: String(point.lat), lon: String(point.lon) });
    else if (draft.kind === 'polygon' && !draft.isClosed) setVertices([...draft.vertices, point], false);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = bodyOf(draft);
    if ('problem' in result) {
      setError(noticeOf(result.problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = props.area
        ? await api<Area>('PUT', `/api/areas/${props.area.id}`, result.body)
        : await api<Area>('POST', '/api/areas', result.body);
      props.onSaved(saved);
    } catch (caught) {
      setError(saveErrorOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const center =
    draft.lat !== '' &&
    draft.lon !== '' &&
    Number.isFinite(Number(draft.lat)) &&
    Number.isFinite(Number(draft.lon))
      ? { lat: Number(draft.lat), lon: Number(draft.lon) }
      : null;
  // A stable list: the map refits its view only when the areas really change.
  const editedId = props.area?.id;
  const otherAreas = useMemo(
    () => props.areas.filter((area) => area.id !== editedId),
    [props.areas, editedId],
  );
  const mode: DrawMode = draft.kind === 'zips' ? 'none' : draft.kind;
  const titleKey = props.area ? 'adminAreas.editTitle' : 'adminAreas.newTitle';

  return h(
    'form',
    { class: 'area-form', onSubmit: submit, 'aria-labelledby': 'area-form-title', noValidate: true },
    h('h2', { id: 'area-form-title' }, t(titleKey)),
    error ? h('p', { class: 'error', role: 'alert', id: 'area-error' }, error.render()) : null,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'area-name' }, t('adminAreas.name')),
      h('input', {
        id: 'area-name',
        value: draft.name,
        maxLength: 100,
        required: true,
        onInput: (event: Event) => change({ name: (event.currentTarget as HTMLInputElement).value }),
      }),
    ),
    h(
      'fieldset',
      { class: 'choice' },
      h('legend', null, t('adminAreas.kind')),
      kinds.map((kind) =>
        h(
          'label',
          { key: kind, class: 'radio' },
          h('input', {
            type: 'radio',
            name: 'area-kind',
            value: kind,
            checked: draft.kind === kind,
            onChange: () => change({ kind }),
          }),
          ' ',
          t(`adminAreas.kind.${kind}`),
        ),
      ),
    ),
    h(
      'div',
      { class: 'area-editor' },
      h(AreaEditorMap, {
        mode,
        areas: otherAreas,
        vertices: draft.vertices,
        isClosed: draft.isClosed,
        center,
        radiusMeters: Number(draft.radius) || defaultRadiusMeters,
        onMapClick,
      }),
      h(
        'div',
        { class: 'area-inputs' },
        draft.kind === 'polygon' ? polygonInputs() : null,
        draft.kind === 'zips' ? zipInputs() : null,
        draft.kind === 'circle' ? circleInputs() : null,
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'submit', class: 'button', id: 'area-save', disabled: isBusy },
        t('adminAreas.save'),
      ),
      h(
        'button',
        { type: 'button', class: 'button-secondary', onClick: props.onCancel },
        t('adminAreas.cancel'),
      ),
    ),
  );

  function polygonInputs() {
    return [
      h('p', { class: 'hint', id: 'polygon-hint', key: 'hint' }, t('adminAreas.polygonHint')),
      h(
        'p',
        { key: 'count', role: 'status', id: 'polygon-status' },
        draft.isClosed
          ? t('adminAreas.polygonClosed', { count: draft.vertices.length })
          : t('adminAreas.polygonCorners', { count: draft.vertices.length }),
      ),
      h(
        'div',
        { class: 'actions', key: 'buttons' },
        h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            id: 'polygon-undo',
            disabled: draft.vertices.length === 0,
            onClick: () => setVertices(draft.vertices.slice(0, draft.isClosed ? undefined : -1), false),
          },
          draft.isClosed ? t('adminAreas.reopen') : t('adminAreas.undo'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            id: 'polygon-close',
            disabled: draft.isClosed || draft.vertices.length < 3,
            onClick: () => change({ isClosed: true }),
          },
          t('adminAreas.close'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button-secondary',
            disabled: draft.vertices.length === 0,
            onClick: () => setVertices([], false),
          },
          t('adminAreas.clear'),
        ),
      ),
      h(
        'div',
        { class: 'field', key: 'typed' },
        h('label', { for: 'polygon-vertices' }, t('adminAreas.vertices')),
        h('textarea', {
          id: 'polygon-vertices',
          rows: 5,
          dir: 'ltr',
          value: verticesText,
          'aria-describedby': 'vertices-hint',
          onInput: (event: Event) => {
            const text = (event.currentTarget as HTMLTextAreaElement).value;
            setVerticesText(text);
            const vertices = verticesFromText(text);
            if (vertices) change({ vertices, isClosed: vertices.length >= 3 });
          },
        }),
        h('span', { class: 'hint', id: 'vertices-hint' }, t('adminAreas.verticesHint')),
      ),
    ];
  }

  function zipInputs() {
    return h(
      'div',
      { class: 'field' },
      h('label', { for: 'area-zips' }, t('adminAreas.zips')),
      h('textarea', {
        id: 'area-zips',
        rows: 4,
        dir: 'ltr',
        value: draft.zips,
        'aria-describedby': 'zips-hint',
        onInput: (event: Event) => change({ zips: (event.currentTarget as HTMLTextAreaElement).value }),
      }),
      h('span', { class: 'hint', id: 'zips-hint' }, t('adminAreas.zipsHint')),
    );
  }

  function circleInputs() {
    const numberField = (id: string, key: string, value: string, field: 'lat' | 'lon' | 'radius') =>
      h(
        'div',
        { class: 'field', key: id },
        h('label', { for: id }, t(key)),
        h('input', {
          id,
          inputMode: 'decimal',
          dir: 'ltr',
          value,
          onInput: (event: Event) =>
            change({ [field]: (event.currentTarget as HTMLInputElement).value.trim() }),
        }),
      );
    return [
      h('p', { class: 'hint', key: 'hint' }, t('adminAreas.circleHint')),
      numberField('circle-lat', 'adminAreas.latitude', draft.lat, 'lat'),
      numberField('circle-lon', 'adminAreas.longitude', draft.lon, 'lon'),
      numberField('circle-radius', 'adminAreas.radius', draft.radius, 'radius'),
    ];
  }
}
