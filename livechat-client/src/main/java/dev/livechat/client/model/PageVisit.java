package dev.livechat.client.model;


/**
 * A page the visitor opened, recorded in the room's navigation history: {@code POST
 * /api/v1/livechat/page.visited}.
 *
 * @param href the page's address ({@code pageInfo.location.href})
 * @param title the page's title, may be empty ({@code pageInfo.title})
 * @param change what changed: {@code url} for a new page, or {@code title}
 */
public record PageVisit(String href, String title, String change) {
  public PageVisit {
    Arguments.notBlank(href, "href");
    Arguments.notNull(title, "title");
    Arguments.notBlank(change, "change");
  }

  /** A visit of a new page. */
  public static PageVisit of(String href, String title) {
    return new PageVisit(href, title, "url");
  }
}
