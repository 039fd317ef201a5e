import { useEffect, useState } from 'preact/hooks';
import { languageName, t } from '../../../lib/i18n.ts';
import { isFromModule } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { listLiveCalls } from '../api/voice.ts';
import type { PresentedLiveCall } from '../api/types.ts';

/** Re-renders every second, so waiting times count up between server updates. */
function useSecondTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return tick;
}

function CallRow(props: { call: PresentedLiveCall; waitedSeconds: number }) {
  const { call } = props;
  const minutes = Math.floor(props.waitedSeconds / 60);
  const seconds = String(props.waitedSeconds % 60).padStart(2, '0');
  return (
    <li data-call-status={call.status} data-call-sid={call.callSid}>
      <strong>{t(`calls.status.${call.status}`)}</strong>
      {' · '}
      {call.language ? languageName(call.language) : t('calls.choosingLanguage')}
      {' · '}
      {t('calls.waiting', { time: `${minutes}:${seconds}` })}
      {call.callerLastDigits ? ` · ${t('calls.caller', { digits: call.callerLastDigits })}` : null}
      {call.isAnsweredByMe ? (
        <>
          {' · '}
          <a href="#/entry">{t('calls.typeReport')}</a>
        </>
      ) : null}
    </li>
  );
}

/**
 * The phone line as the operators see it: every call now on the line, its language and how long
 * it has waited (never the caller's number, only its last two digits). Updated live.
 */
export function LiveCalls() {
  const calls = useLiveResource(async () => ({ ...(await listLiveCalls()), receivedAt: Date.now() }), {
    events: isFromModule('voice'),
  });
  useSecondTick();
  const list = calls.data;
  if (!list || list.calls.length === 0) return null;
  // The server's clock at fetch time, advanced by how long ago that fetch was.
  const skew = list.now - list.receivedAt;
  const now = Date.now() + skew;
  return (
    <section class="live-calls" aria-labelledby="live-calls-title">
      <h2 id="live-calls-title">{t('calls.title')}</h2>
      <ul class="live-call-list">
        {list.calls.map((call) => (
          <CallRow
            call={call}
            waitedSeconds={Math.max(0, Math.round((now - call.startedAt) / 1000))}
            key={call.callSid}
          />
        ))}
      </ul>
    </section>
  );
}
