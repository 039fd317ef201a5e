import type { ComponentChildren } from 'preact';
import { formText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import type { AuditAction } from '../api/types.ts';

export type AuditFilters = Record<string, string>;

/** datetime-local has no zone: read it in the browser's zone, send an ISO instant. */
function instantOf(value: string): string {
  if (!value) return '';
  const time = new Date(value).getTime();
  return Number.isFinite(time) ? new Date(time).toISOString() : '';
}

function filtersOf(form: EventTarget | null): AuditFilters {
  return {
    action: formText(form, 'action'),
    actorMemberId: formText(form, 'actorMemberId'),
    objectType: formText(form, 'objectType'),
    objectId: formText(form, 'objectId'),
    from: instantOf(formText(form, 'from')),
    to: instantOf(formText(form, 'to')),
    limit: formText(form, 'limit'),
  };
}

function FilterField(props: { name: string; labelKey: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={`audit-${props.name}`}>{t(props.labelKey)}</label>
      {props.children}
    </div>
  );
}

/** Which entries to show: action, actor, object, time range and page size. */
export function AuditFilterForm(props: {
  names: Map<string, string>;
  /** The server's catalogue of actions (GET /api/audit/actions). */
  actions: readonly AuditAction[];
  onApply: (filters: AuditFilters) => void;
}) {
  const submit = (event: Event) => {
    event.preventDefault();
    props.onApply(filtersOf(event.currentTarget));
  };
  return (
    <form class="filters" onSubmit={submit} aria-label={t('adminAudit.filters')}>
      <FilterField name="action" labelKey="adminAudit.action">
        <select id="audit-action" name="action">
          <option value="">{t('adminAudit.any')}</option>
          {props.actions.map((action) => (
            <option value={action} key={action}>
              {action}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField name="actorMemberId" labelKey="adminAudit.actor">
        <select id="audit-actorMemberId" name="actorMemberId">
          <option value="">{t('adminAudit.anyone')}</option>
          {[...props.names].map(([id, name]) => (
            <option value={id} key={id}>
              {name}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField name="objectType" labelKey="adminAudit.objectType">
        <input id="audit-objectType" name="objectType" dir="ltr" />
      </FilterField>
      <FilterField name="objectId" labelKey="adminAudit.objectId">
        <input id="audit-objectId" name="objectId" dir="ltr" />
      </FilterField>
      <FilterField name="from" labelKey="adminAudit.from">
        <input id="audit-from" name="from" type="datetime-local" />
      </FilterField>
      <FilterField name="to" labelKey="adminAudit.to">
        <input id="audit-to" name="to" type="datetime-local" />
      </FilterField>
      <FilterField name="limit" labelKey="adminAudit.pageSize">
        <select id="audit-limit" name="limit">
          {['10', '25', '50', '100', '200'].map((size) => (
            <option value={size} key={size} selected={size === '50'}>
              {size}
            </option>
          ))}
        </select>
      </FilterField>
      <div class="filter-submit">
        <button type="submit" class="button" id="audit-apply">
          {t('adminAudit.apply')}
        </button>
      </div>
    </form>
  );
}
