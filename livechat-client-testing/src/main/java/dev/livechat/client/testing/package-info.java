/**
 * An in-memory fake of the Rocket.Chat Livechat visitor API for tests: start a {@link
 * dev.livechat.client.testing.FakeLivechatServer}, point a {@code LivechatClient} at its {@code
 * url()}, and drive the agent side with {@link dev.livechat.client.testing.FakeAgent}.
 */
@NullMarked
package dev.livechat.client.testing;

import org.jspecify.annotations.NullMarked;
