/**
 * A durable bridge from another channel (WhatsApp, SMS, Telegram) into Rocket.Chat omnichannel:
 * {@link dev.livechat.bridge.LivechatBridge}, over a database ({@link dev.livechat.bridge.BridgeStore}).
 */
@NullMarked
package dev.livechat.bridge;

import org.jspecify.annotations.NullMarked;
