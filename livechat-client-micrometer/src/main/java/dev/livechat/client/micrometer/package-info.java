/**
 * Micrometer meters for livechat-client: {@link dev.livechat.client.micrometer.LivechatMetrics},
 * a telemetry listener and meter binder.
 */
@NullMarked
package dev.livechat.client.micrometer;

import org.jspecify.annotations.NullMarked;
