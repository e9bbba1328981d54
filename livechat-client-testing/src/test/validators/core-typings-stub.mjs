// Stands in for @rocket.chat/core-typings in the bundle: dist/v1/omnichannel.js imports only the
// ILivechatAgentStatus enum from it, for the schema of POST livechat/agent.status (an agent route,
// not a visitor one: no visitor validator depends on these values).
export const ILivechatAgentStatus = {
  AVAILABLE: 'available',
  UNAVAILABLE: 'unavailable',
};
