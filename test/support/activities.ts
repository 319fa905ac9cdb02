/** Teams-shaped activities, as the Bot Connector delivers them, for tests and benchmarks. */

export const BOT = { id: '28:afsbot-test', name: 'afsbot' };
export const USER = {
  id: '29:user-1',
  name: 'Ada Admin',
  aadObjectId: '6a1c9a1e-0000-4000-8000-000000000001',
};
const TENANT = { id: '72f988bf-0000-4000-8000-0000000000aa' };
let seq = 0;

type Activity = Record<string, unknown>;

function base(serviceUrl: string, conversation: Activity, extra: Activity): Activity {
  seq++;
  return {
    id: `act-${seq}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    recipient: BOT,
    conversation: { tenantId: TENANT.id, ...conversation },
    locale: 'en-US',
    channelData: { tenant: TENANT },
    ...extra,
  };
}

export const personal = (serviceUrl: string, text: string, extra: Activity = {}): Activity =>
  base(
    serviceUrl,
    { id: 'a:personal-1', conversationType: 'personal' },
    { type: 'message', text, textFormat: 'plain', ...extra },
  );

export const groupChat = (serviceUrl: string, text: string): Activity =>
  base(
    serviceUrl,
    { id: '19:group-1@thread.v2', conversationType: 'groupChat', isGroup: true },
    {
      type: 'message',
      text: `<at>${BOT.name}</at> ${text}`,
      entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
    },
  );

export const channel = (serviceUrl: string, text: string): Activity =>
  base(
    serviceUrl,
    {
      id: '19:channel-1@thread.tacv2;messageid=1700000000000',
      conversationType: 'channel',
      isGroup: true,
    },
    {
      type: 'message',
      text: `<at>${BOT.name}</at> ${text}`,
      entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
      channelData: {
        tenant: TENANT,
        teamsChannelId: '19:channel-1@thread.tacv2',
        teamsTeamId: '19:team-1@thread.tacv2',
        channel: { id: '19:channel-1@thread.tacv2' },
        team: { id: '19:team-1@thread.tacv2' },
      },
    },
  );

export const installed = (serviceUrl: string, conversationId = 'a:personal-1'): Activity =>
  base(
    serviceUrl,
    { id: conversationId, conversationType: 'personal' },
    { type: 'installationUpdate', action: 'add' },
  );

export const botAdded = (
  serviceUrl: string,
  conversationId = '19:channel-2@thread.tacv2',
): Activity =>
  base(
    serviceUrl,
    { id: conversationId, conversationType: 'channel', isGroup: true },
    { type: 'conversationUpdate', membersAdded: [BOT] },
  );

export const cardAction = (serviceUrl: string, verb: string, data: unknown): Activity =>
  base(
    serviceUrl,
    { id: 'a:personal-1', conversationType: 'personal' },
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    },
  );

export const search = (serviceUrl: string, query: string): Activity =>
  base(
    serviceUrl,
    { id: 'a:personal-1', conversationType: 'personal' },
    {
      type: 'invoke',
      name: 'composeExtension/query',
      value: {
        commandId: 'searchKnowledge',
        parameters: [{ name: 'query', value: query }],
        queryOptions: { skip: 0, count: 8 },
      },
    },
  );

export const invoke = (serviceUrl: string, name: string, value: unknown): Activity =>
  base(
    serviceUrl,
    { id: 'a:personal-1', conversationType: 'personal' },
    { type: 'invoke', name, value },
  );

export const uninstalled = (serviceUrl: string, conversationId = 'a:personal-1'): Activity =>
  base(
    serviceUrl,
    { id: conversationId, conversationType: 'personal' },
    { type: 'installationUpdate', action: 'remove' },
  );

export const botRemoved = (serviceUrl: string, conversationId: string): Activity =>
  base(
    serviceUrl,
    { id: conversationId, conversationType: 'channel', isGroup: true },
    { type: 'conversationUpdate', membersRemoved: [BOT] },
  );
