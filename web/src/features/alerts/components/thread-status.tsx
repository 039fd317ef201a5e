import { t } from '../../../lib/i18n.ts';
import type { PresentedAlert } from '../api/types.ts';

/** Why the message shown is no longer live: cancelled or retracted, or replaced (with a link to the live one). */
export function ThreadStatus(props: {
  current: PresentedAlert;
  live: PresentedAlert | undefined;
  isRetracted: boolean;
}) {
  const { current, live } = props;
  if (current.cancelledAt !== null)
    return (
      <p class="notice" data-thread-state={props.isRetracted ? 'retracted' : 'cancelled'}>
        {t(props.isRetracted ? 'field.alert.isRetracted' : 'field.alert.isCancelled')}
        {props.isRetracted
          ? [
              ' ',
              <a href="#/alerts" key="stops">
                {t('field.alert.seeStops')}
              </a>,
            ]
          : null}
      </p>
    );
  if (current.supersededAt !== null)
    return (
      <p class="notice" data-thread-state="superseded">
        {t('field.alert.isSuperseded')}
        {live
          ? [
              ' ',
              <a href={`#/alerts/${live.id}`} key="live">
                {t('field.alert.openLive')}
              </a>,
            ]
          : null}
      </p>
    );
  return null;
}
