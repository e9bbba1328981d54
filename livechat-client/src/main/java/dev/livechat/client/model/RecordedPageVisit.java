package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * A visited page as the server recorded it in the room's navigation history: the system message
 * it stored ({@code livechat_navigation_history}) and the page it describes. The visitor token the
 * server stores beside the page is not kept.
 *
 * @param text the message's text ({@code page.msg}), {@code "<title> - <href>"}
 * @param href the page's address ({@code navigation.page.location.href})
 * @param title the page's title ({@code navigation.page.title})
 * @param change what changed ({@code navigation.page.change}), {@code url} or {@code title}; null
 *     when the server leaves it out
 */
public record RecordedPageVisit(
    String text, @Nullable String href, @Nullable String title, @Nullable String change) {
  public RecordedPageVisit {
    Arguments.notNull(text, "text");
  }
}
