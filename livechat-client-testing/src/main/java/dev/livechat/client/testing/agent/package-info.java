/**
 * A scripted Livechat agent for test harnesses: {@link
 * dev.livechat.client.testing.agent.LivechatAgent} logs in to a Rocket.Chat server (or a {@link
 * dev.livechat.client.testing.FakeLivechatServer}) as an agent over the server's agent REST API
 * and its realtime (DDP) API, becomes available, takes queued chats, answers, types, forwards and
 * closes, and hears the visitor. Enough for a harness, not an agent application.
 */
@NullMarked
package dev.livechat.client.testing.agent;

import org.jspecify.annotations.NullMarked;
