package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * How the widget looks.
 *
 * @param title the title while agents are online
 * @param color the main colour, for example {@code #C1272D}
 * @param offlineTitle the title while no agent is online
 * @param offlineColor the main colour while no agent is online
 */
public record Theme(
    @Nullable String title, @Nullable String color, @Nullable String offlineTitle, @Nullable String offlineColor) {}
