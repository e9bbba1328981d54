/**
 * OpenTelemetry traces of livechat-client: {@link
 * dev.livechat.client.opentelemetry.LivechatTracing}, a telemetry listener to give {@code
 * LivechatClient.Builder.telemetry}.
 */
@NullMarked
package dev.livechat.client.opentelemetry;

import org.jspecify.annotations.NullMarked;
