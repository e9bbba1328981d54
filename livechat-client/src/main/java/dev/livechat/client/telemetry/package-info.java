/**
 * What the SDK reports of its work for metrics and traces: {@link
 * dev.livechat.client.telemetry.TelemetryListener} and its {@link
 * dev.livechat.client.telemetry.TelemetryEvent}s.
 */
@NullMarked
package dev.livechat.client.telemetry;

import org.jspecify.annotations.NullMarked;
