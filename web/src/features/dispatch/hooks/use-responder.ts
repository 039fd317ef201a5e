import { useState } from 'preact/hooks';
import { messageOf } from '../../../lib/message.ts';
import { isFromModule } from '../../../lib/realtime.ts';
import { useLiveResource } from '../../../lib/resource.ts';
import { useAction } from '../../../lib/use-action.ts';
import { getOwnProfile, listMyOffers, setOnCall, shareLocation } from '../api/responder.ts';

/** The responder's profile (availability, registered devices) and offers, kept current by the dispatch events. */
export function useResponder() {
  const responder = useLiveResource(
    async () => ({ profile: await getOwnProfile(), offers: await listMyOffers() }),
    {
      events: isFromModule('dispatch'),
    },
  );
  const action = useAction();
  // While a toggle is being saved, a refetch that started before it must not flip the box back.
  const [pendingOnCall, setPendingOnCall] = useState<boolean | null>(null);

  const act = async (step: () => Promise<unknown>, doneKey: string) => {
    await action.run(step, { done: doneKey });
    await responder.reload();
  };
  const toggleOnCall = async (isChecked: boolean) => {
    setPendingOnCall(isChecked);
    await action.run(() => setOnCall(isChecked), { done: 'responder.availabilitySaved' });
    await responder.reload();
    setPendingOnCall(null);
  };
  const shareMyLocation = () =>
    navigator.geolocation.getCurrentPosition(
      (position) =>
        void act(
          () => shareLocation(position.coords.latitude, position.coords.longitude),
          'responder.locationShared',
        ),
      () => action.setMessage(messageOf('responder.locationFailed')),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  return {
    responder,
    action,
    act,
    isOnCall: pendingOnCall ?? responder.data?.profile.isOnCall ?? null,
    toggleOnCall,
    shareMyLocation,
  };
}
