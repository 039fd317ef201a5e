import { t } from '../../../platform/i18n/i18n.ts';
import { isEffectRecorded, recordEffect } from '../../../platform/jobs/index.ts';
import { PushSendError } from '../../../platform/push/index.ts';
import type { WebPushSubscription } from '../../../platform/push/index.ts';
import {
  findActiveMemberEmailEnc,
  findNetworkById,
  listAreaNames,
  memberFieldContexts,
} from '../../identity/index.ts';
import { areaIdsOfIncident, findIncidentById } from '../../intake/index.ts';
import {
  findResponderProfile,
  forgetPushSubscription,
  parseLanguages,
  responderFields,
} from '../responders/index.ts';
import type { PagingDeps } from './paging.deps.ts';
import { findPage, setPageChannels } from './paging.repository.ts';
import type { PageRow } from './paging.repository.ts';

type Channel = 'push' | 'sms' | 'email';

/**
 * Sends one page: Web Push to the phone the member registered (payload `{type, pageId}` only; the
 * service worker shows a fixed notice and opens the page link) and SMS to their verified number
 * ("new incident in <area>", the link and the code to text back); email only when neither
 * reached them. Nothing is sent once the page is answered or the incident claimed or closed.
 * Each channel is an effect recorded after the provider took it, so a retry does not repeat it.
 */
export async function deliverPage(deps: PagingDeps, pageId: string, jobId?: string): Promise<string> {
  const page = await findPage(deps.db, pageId);
  if (!page || page.acknowledged_at !== null) return 'answered';
  const incident = await findIncidentById(deps.db, page.incident_id);
  if (!incident || incident.status === 'closed' || incident.claimed_by !== null) {
    await setPageChannels(deps.db, page.id, 'cancelled');
    return 'cancelled';
  }
  const [profile, network, member, areaIds] = await Promise.all([
    findResponderProfile(deps.db, page.member_id),
    findNetworkById(deps.db, page.network_id),
    findActiveMemberEmailEnc(deps.db, page.member_id),
    areaIdsOfIncident(deps.db, incident),
  ]);
  if (!member) {
    await setPageChannels(deps.db, page.id, 'none');
    return 'none';
  }
  const areas = await listAreaNames(deps.db, page.network_id);
  const areaName = areas.find((area) => areaIds.includes(area.id))?.name ?? network?.name ?? 'Amparo';
  const language = parseLanguages(member.languages)[0] ?? network?.languages[0] ?? 'en';
  const text = {
    networkName: network?.name ?? 'Amparo',
    area: areaName,
    link: `${deps.publicUrl}/app/#/page/${page.id}`,
    code: page.ack_code,
  };
  const sent: Channel[] = [];
  const once = async (channel: Channel, send: () => Promise<boolean>) => {
    const key = `paging.${channel}:${page.id}`;
    if (await isEffectRecorded(deps.db, key)) return sent.push(channel);
    if (!(await send())) return;
    await recordEffect(deps.db, key, { jobId, clock: deps.clock });
    sent.push(channel);
  };
  if (profile?.push_subscription_enc && deps.push) {
    const subscriptionEnc = profile.push_subscription_enc;
    await once('push', () => pushPage(deps, page, subscriptionEnc));
  }
  if (profile?.sms_phone_enc && deps.sms) {
    const to = deps.crypto.decrypt(profile.sms_phone_enc, responderFields.smsPhone);
    await once('sms', async () => {
      await deps.sms?.send({ to, body: t(language, 'dispatch.pageSms', text) });
      return true;
    });
  }
  if (sent.length === 0 && deps.email) {
    const to = deps.crypto.decrypt(member.email_enc, memberFieldContexts.email);
    await once('email', async () => {
      await deps.email?.send({
        to,
        messageId: `<page-${page.id}@amparo>`,
        subject: t(language, 'dispatch.pageEmailSubject', text),
        text: t(language, 'dispatch.pageEmailBody', text),
      });
      return true;
    });
  }
  const channels = sent.length > 0 ? sent.join(',') : 'none';
  await setPageChannels(deps.db, page.id, channels);
  return channels;
}

async function pushPage(deps: PagingDeps, page: PageRow, subscriptionEnc: string): Promise<boolean> {
  const subscription = JSON.parse(
    deps.crypto.decrypt(subscriptionEnc, responderFields.pushSubscription),
  ) as WebPushSubscription;
  try {
    await deps.push?.send({
      subscription,
      payload: JSON.stringify({ type: 'paging.page', pageId: page.id }),
      ttlSeconds: 15 * 60,
      urgency: 'high',
      topic: page.id.replace(/-/g, '').slice(0, 32),
    });
    return true;
  } catch (error) {
    if (error instanceof PushSendError && error.kind === 'gone') {
      await forgetPushSubscription(deps, page.member_id);
    }
    deps.logger.warn({ pageId: page.id, kind: (error as PushSendError).kind }, 'page push failed');
    return false;
  }
}
