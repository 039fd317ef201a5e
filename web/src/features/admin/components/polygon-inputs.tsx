import { t } from '../../../lib/i18n.ts';
import type { LatLon } from '../api/types.ts';
import type { AreaDraft } from '../area-draft.ts';
import { verticesFromText } from '../area-geometry.ts';

/** The polygon's corners: undo, close, clear, and the corners as typed text. */
export function PolygonInputs(props: {
  draft: AreaDraft;
  verticesText: string;
  onVertices: (vertices: LatLon[], isClosed: boolean) => void;
  onClose: () => void;
  onTyped: (text: string, vertices: LatLon[] | null) => void;
}) {
  const { vertices, isClosed } = props.draft;
  return (
    <>
      <p class="hint" id="polygon-hint">
        {t('adminAreas.polygonHint')}
      </p>
      <p role="status" id="polygon-status">
        {isClosed
          ? t('adminAreas.polygonClosed', { count: vertices.length })
          : t('adminAreas.polygonCorners', { count: vertices.length })}
      </p>
      <div class="actions">
        <button
          type="button"
          class="button-secondary"
          id="polygon-undo"
          disabled={vertices.length === 0}
          onClick={() => props.onVertices(vertices.slice(0, isClosed ? undefined : -1), false)}
        >
          {isClosed ? t('adminAreas.reopen') : t('adminAreas.undo')}
        </button>
        <button
          type="button"
          class="button-secondary"
          id="polygon-close"
          disabled={isClosed || vertices.length < 3}
          onClick={props.onClose}
        >
          {t('adminAreas.close')}
        </button>
        <button
          type="button"
          class="button-secondary"
          disabled={vertices.length === 0}
          onClick={() => props.onVertices([], false)}
        >
          {t('adminAreas.clear')}
        </button>
      </div>
      <div class="field">
        <label for="polygon-vertices">{t('adminAreas.vertices')}</label>
        <textarea
          id="polygon-vertices"
          rows={5}
          dir="ltr"
          value={props.verticesText}
          aria-describedby="vertices-hint"
          onInput={(event) => {
            const text = event.currentTarget.value;
            props.onTyped(text, verticesFromText(text));
          }}
        />
        <span class="hint" id="vertices-hint">
          {t('adminAreas.verticesHint')}
        </span>
      </div>
    </>
  );
}
