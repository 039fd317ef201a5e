import { t } from '../../../lib/i18n.ts';
import type { AreaDraft } from '../area-draft.ts';

export function ZipInputs(props: { zips: string; onZips: (zips: string) => void }) {
  return (
    <div class="field">
      <label for="area-zips">{t('adminAreas.zips')}</label>
      <textarea
        id="area-zips"
        rows={4}
        dir="ltr"
        value={props.zips}
        aria-describedby="zips-hint"
        onInput={(event) => props.onZips(event.currentTarget.value)}
      />
      <span class="hint" id="zips-hint">
        {t('adminAreas.zipsHint')}
      </span>
    </div>
  );
}

function NumberField(props: {
  id: string;
  labelKey: string;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{t(props.labelKey)}</label>
      <input
        id={props.id}
        inputMode="decimal"
        dir="ltr"
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value.trim())}
      />
    </div>
  );
}

/** A circle's centre (also set by a click on the map) and radius. */
export function CircleInputs(props: {
  draft: AreaDraft;
  onChange: (changes: Partial<Pick<AreaDraft, 'lat' | 'lon' | 'radius'>>) => void;
}) {
  return (
    <>
      <p class="hint">{t('adminAreas.circleHint')}</p>
      <NumberField
        id="circle-lat"
        labelKey="adminAreas.latitude"
        value={props.draft.lat}
        onValue={(lat) => props.onChange({ lat })}
      />
      <NumberField
        id="circle-lon"
        labelKey="adminAreas.longitude"
        value={props.draft.lon}
        onValue={(lon) => props.onChange({ lon })}
      />
      <NumberField
        id="circle-radius"
        labelKey="adminAreas.radius"
        value={props.draft.radius}
        onValue={(radius) => props.onChange({ radius })}
      />
    </>
  );
}
