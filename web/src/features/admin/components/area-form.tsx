import { useMemo, useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { errorMessageOf, isApiError, messageOf } from '../../../lib/message.ts';
import type { Message } from '../../../lib/message.ts';
import { ErrorText } from '../../../lib/notice.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { createArea, updateArea } from '../api/areas.ts';
import type { Area, LatLon } from '../api/types.ts';
import { areaKinds, bodyOf, centerOf, defaultRadiusMeters, draftOf } from '../area-draft.ts';
import type { AreaDraft } from '../area-draft.ts';
import { verticesToText } from '../area-geometry.ts';
import { AreaEditorMap } from './area-editor-map.tsx';
import { PolygonInputs } from './polygon-inputs.tsx';
import { CircleInputs, ZipInputs } from './zip-and-circle-inputs.tsx';

/** The server's message for a refused save; unknown ZIP codes are listed by number. */
function saveErrorOf(caught: unknown): Message {
  if (isApiError(caught, 'ZIP_UNKNOWN')) {
    const zips = (caught.message.match(/\b\d{5}\b/g) ?? []).join(', ');
    return { render: () => `${t('error.ZIP_UNKNOWN')} ${t('adminAreas.unknownZips', { zips })}` };
  }
  return errorMessageOf(caught, 'action.failed');
}

/** Create or edit one area: a polygon drawn on the map, a ZIP list, or a point and a radius. */
export function AreaForm(props: {
  area: Area | null;
  areas: Area[];
  onSaved: (area: Area) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<AreaDraft>(() => draftOf(props.area));
  const [verticesText, setVerticesText] = useState(() => verticesToText(draft.vertices));
  const save = useAction();
  const change = (changes: Partial<AreaDraft>) => setDraft((current) => ({ ...current, ...changes }));
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
    if ('problem' in result) return save.setMessage(messageOf(result.problem));
    const editedId = props.area?.id;
    const saved = await save.run(
      () => (editedId ? updateArea(editedId, result.body) : createArea(result.body)),
      { failed: saveErrorOf },
    );
    if (saved) props.onSaved(saved);
  };

  // A stable list: the map refits its view only when the areas really change.
  const editedId = props.area?.id;
  const otherAreas = useMemo(
    () => props.areas.filter((area) => area.id !== editedId),
    [props.areas, editedId],
  );

  return (
    <form
      class="area-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="area-form-title"
      noValidate
    >
      <h2 id="area-form-title">{t(props.area ? 'adminAreas.editTitle' : 'adminAreas.newTitle')}</h2>
      <ErrorText message={save.message} id="area-error" />
      <div class="field">
        <label for="area-name">{t('adminAreas.name')}</label>
        <input
          id="area-name"
          value={draft.name}
          maxLength={100}
          required
          onInput={(event) => change({ name: event.currentTarget.value })}
        />
      </div>
      <fieldset class="choice">
        <legend>{t('adminAreas.kind')}</legend>
        {areaKinds.map((kind) => (
          <label key={kind} class="radio">
            <input
              type="radio"
              name="area-kind"
              value={kind}
              checked={draft.kind === kind}
              onChange={() => change({ kind })}
            />{' '}
            {t(`adminAreas.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div class="area-editor">
        <AreaEditorMap
          mode={draft.kind === 'zips' ? 'none' : draft.kind}
          areas={otherAreas}
          vertices={draft.vertices}
          isClosed={draft.isClosed}
          center={centerOf(draft)}
          radiusMeters={Number(draft.radius) || defaultRadiusMeters}
          onMapClick={onMapClick}
        />
        <div class="area-inputs">
          {draft.kind === 'polygon' ? (
            <PolygonInputs
              draft={draft}
              verticesText={verticesText}
              onVertices={setVertices}
              onClose={() => change({ isClosed: true })}
              onTyped={(text, vertices) => {
                setVerticesText(text);
                if (vertices) change({ vertices, isClosed: vertices.length >= 3 });
              }}
            />
          ) : null}
          {draft.kind === 'zips' ? <ZipInputs zips={draft.zips} onZips={(zips) => change({ zips })} /> : null}
          {draft.kind === 'circle' ? <CircleInputs draft={draft} onChange={change} /> : null}
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="button" id="area-save" disabled={save.isBusy}>
          {t('adminAreas.save')}
        </button>
        <button type="button" class="button-secondary" onClick={props.onCancel}>
          {t('adminAreas.cancel')}
        </button>
      </div>
    </form>
  );
}
