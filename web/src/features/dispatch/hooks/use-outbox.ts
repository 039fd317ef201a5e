import { useEffect, useState } from 'preact/hooks';
import { drainOutbox, listOutbox, subscribeToOutbox } from '../outbox/outbox.ts';
import type { OutboxItem } from '../outbox/outbox.ts';

/** The outbox as the screen shows it, updated on every change; sends what waits on mount. */
export function useOutbox(onAcknowledged: (sent: OutboxItem[]) => void): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let sentCount = 0;
    const refresh = () =>
      void listOutbox().then((current) => {
        setItems(current);
        const sent = current.filter((item) => item.state === 'sent');
        if (sent.length > sentCount) onAcknowledged(sent.slice(sentCount));
        sentCount = sent.length;
      });
    const stop = subscribeToOutbox(refresh);
    refresh();
    void drainOutbox();
    return stop;
  }, []);
  return items;
}
