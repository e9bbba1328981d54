// Stands in for @rocket.chat/core-typings in the bundle: dist/v1/omnichannel.js imports only the
// ILivechatAgentStatus enum from it, for the schema of POST livechat/agent.status (an agent route).
// The values are core-typings' own (packages/core-typings/src/ILivechatAgent.ts: AVAILABLE =
// 'available', NOT_AVAILABLE = 'not-available'), the ones the server's agent.ts handler compares with.
export const ILivechatAgentStatus = {
  AVAILABLE: 'available',
  NOT_AVAILABLE: 'not-available',
};
