import { useState } from 'preact/hooks';
import { Field } from '../../../lib/field.tsx';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import type { Action } from '../../../lib/use-action.ts';
import { createWatchSite, updateWatchSite } from '../api/watch.ts';
import type { WatchSiteKind, WatchSitesAnswer, WatchSiteView } from '../api/types.ts';

const kinds: WatchSiteKind[] = ['courthouse', 'immigration_office', 'check_in'];

function TextArea(props: { id: string; name: string; label: string; value: string }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.name} rows={2} defaultValue={props.value} />
    </div>
  );
}

/** Adds a site, or changes `site`: where it is, when it opens, how to enter, what observers may do. */
export function SiteForm(props: {
  answer: WatchSitesAnswer;
  site?: WatchSiteView;
  action: Action;
  onSaved: () => void;
}) {
  const { site } = props;
  const [areaId, setAreaId] = useState(site?.areaId ?? props.answer.manageableAreas[0]?.id ?? '');
  const [kind, setKind] = useState<WatchSiteKind>(site?.kind ?? 'courthouse');
  const prefix = site ? `site-${site.id}` : 'site';
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const body = {
      areaId,
      kind,
      name: formText(form, 'name'),
      address: formText(form, 'address'),
      openingHours: formText(form, 'openingHours'),
      entryRules: formText(form, 'entryRules'),
      safetyNotes: formText(form, 'safetyNotes'),
      rallyPoint: formText(form, 'rallyPoint'),
    };
    const saved = await props.action.succeeds(
      () => (site ? updateWatchSite(site.id, body) : createWatchSite(body)),
      { done: 'watch.siteSaved' },
    );
    if (saved) {
      if (!site) form.reset();
      props.onSaved();
    }
  };
  return (
    <form
      id={site ? `site-edit-${site.id}` : 'site-form'}
      class="settings-form"
      onSubmit={(event) => void submit(event)}
    >
      <h2>{site ? t('watch.editSite', { name: site.name }) : t('watch.addSite')}</h2>
      <label for={`${prefix}-area`}>{t('watch.area')}</label>
      <select id={`${prefix}-area`} value={areaId} onChange={(event) => setAreaId(event.currentTarget.value)}>
        {props.answer.manageableAreas.map((area) => (
          <option key={area.id} value={area.id}>
            {area.name}
          </option>
        ))}
      </select>
      <label for={`${prefix}-kind`}>{t('watch.kind')}</label>
      <select
        id={`${prefix}-kind`}
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value as WatchSiteKind)}
      >
        {kinds.map((value) => (
          <option key={value} value={value}>
            {t(`watch.kind.${value}`)}
          </option>
        ))}
      </select>
      <Field id={`${prefix}-name`} name="name" label={t('watch.name')} required defaultValue={site?.name} />
      <Field
        id={`${prefix}-address`}
        name="address"
        label={t('watch.address')}
        required
        defaultValue={site?.address}
      />
      <Field
        id={`${prefix}-hours`}
        name="openingHours"
        label={t('watch.openingHours')}
        defaultValue={site?.openingHours}
      />
      <TextArea
        id={`${prefix}-entry`}
        name="entryRules"
        label={t('watch.entryRules')}
        value={site?.entryRules ?? ''}
      />
      <TextArea
        id={`${prefix}-safety`}
        name="safetyNotes"
        label={t('watch.safetyNotes')}
        value={site?.safetyNotes ?? ''}
      />
      <Field
        id={`${prefix}-rally`}
        name="rallyPoint"
        label={t('watch.rallyPoint')}
        defaultValue={site?.rallyPoint}
      />
      <button type="submit" class="button" disabled={props.action.isBusy || areaId === ''}>
        {t('watch.saveSite')}
      </button>
    </form>
  );
}
