package dev.livechat.client.testing;

import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.PageVisit;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The form routes (reference §1 rows 19–21): offline messages, page visits and transcripts, as the
 * server's {@code offlineMessage.ts}, {@code pageVisited.ts} and {@code transcript.ts} in {@code
 * apps/meteor/server/api/v1/omnichannel/}.
 */
final class FormRoutes extends Routes {
  /** {@code validateEmail} of {@code packages/tools}, the {@code basic} style the mailer uses. */
  private static final Pattern MAIL_ADDRESS = Pattern.compile("^[^@]+@[^@]+$");
  private static final String OFFLINE_FAILED = "Error sending Omnichannel offline message";

  FormRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    router.add("POST", "livechat/offline.message", new RateLimiter.Limit(1, 5_000), this::offlineMessage);
    router.add("POST", "livechat/page.visited", def, this::pageVisited);
    router.add("POST", "livechat/transcript", fivePerMinute, this::transcript);
  }

  /**
   * 19. {@code POST livechat/offline.message} (typed body, {@code offlineMessage.ts}): recorded;
   * failures hidden behind one text.
   */
  private Map<String, Object> offlineMessage(Call call) {
    Map<String, Object> params = typedBody(call, Schema.object()
        .required("name", Schema.string())
        .required("email", Schema.string())
        .required("message", Schema.string())
        .optional("department", Schema.string().nullable())
        .optional("host", Schema.string().nullable()));
    String name = (String) params.get("name");
    String email = (String) params.get("email");
    String text = (String) params.get("message");
    if (!offlineMessageSent(email)) {
      throw Refusal.error(OFFLINE_FAILED);
    }
    String department = string(params, "department");
    String host = string(params, "host");
    // The validator lets blank texts through (a null becomes ""), and so does the server's mail; the
    // fake's record is the SDK's OfflineMessage, which has none, so such a message goes unrecorded.
    if (!name.isBlank() && !email.isBlank() && !text.isBlank()) {
      store.offlineMessages.add(new OfflineMessage(name, email, text,
          department == null || department.isBlank() ? null : department, host == null || host.isBlank() ? null : host));
    }
    store.offlineMessageSent(name, email, text);
    return payload("message", "Livechat offline message sent");
  }

  /**
   * Whether {@code sendOfflineMessage} ({@code apps/meteor/server/lib/omnichannel/messages.ts})
   * would get through; the route hides each failure behind one text. It fails when {@code
   * Livechat_display_offline_form} is off, the visitor's address is empty, {@code
   * Livechat_validate_offline_email} is on and the MX lookup of the part after the last {@code @}
   * fails, or the mail cannot go to {@code Livechat_offline_email} (the mailer's {@code
   * checkAddressFormat}: {@code validateEmail}'s {@code /^[^@]+@[^@]+$/}). The visitor's address is
   * not otherwise checked.
   */
  private boolean offlineMessageSent(String email) {
    if (!settings().offlineForm() || email.isEmpty()) {
      return false;
    }
    if (settings().validateOfflineEmail()
        && !settings().mailDomains().contains(email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT))) {
      return false;
    }
    return MAIL_ADDRESS.matcher(settings().offlineEmail()).matches();
  }

  /**
   * 20. {@code POST livechat/page.visited} (typed body): when {@code change} is {@code
   * Livechat_history_monitor_type}, stores the {@code livechat_navigation_history} message of
   * rocket.cat ({@code msg} {@code "<title> - <href>"}, {@code navigation {page, token}}, {@code
   * _hidden} unless {@code Livechat_Visitor_navigation_as_a_message}) and answers {@code {page: {msg,
   * navigation}}}; otherwise only {@code success}. Server: {@code savePageHistory} in {@code
   * apps/meteor/server/lib/omnichannel/tracking.ts} and {@code pageVisited.ts}. Without a room of the
   * fake (no {@code rid}, or an unknown one) the message is answered but kept nowhere.
   */
  private Map<String, Object> pageVisited(Call call) {
    Map<String, Object> body = typedBody(call, Schema.object()
        .required("token", Schema.string())
        .optional("rid", Schema.string().nullable())
        .required("pageInfo", Schema.object()
            .required("title", Schema.string())
            .required("change", Schema.string())
            .required("location", Schema.object().required("href", Schema.string()))));
    Map<?, ?> pageInfo = (Map<?, ?>) body.get("pageInfo");
    String change = (String) pageInfo.get("change");
    if (!change.equals(settings().historyMonitorType())) {
      return payload();
    }
    String title = (String) pageInfo.get("title");
    String href = (String) ((Map<?, ?>) pageInfo.get("location")).get("href");
    if (!href.isBlank()) {
      store.pageVisits.add(new PageVisit(href, title, change));
    }
    StoredMessage navigation = new StoredMessage(Ids.random(), string(body, "rid") == null ? "" : string(body, "rid"),
        title + " - " + href, "livechat_navigation_history", null, null, Store.ROCKET_CAT, store.now());
    navigation.extra.put("navigation", JsonValues.object("page", pageInfo, "token", body.get("token")));
    if (!settings().navigationAsMessage()) {
      navigation.extra.put("_hidden", true);
    }
    StoredRoom room = store.room(navigation.rid);
    if (room != null) {
      store.add(room, navigation);
    }
    return payload("page", JsonValues.object("msg", navigation.msg, "navigation", navigation.extra.get("navigation")));
  }

  /**
   * 21. {@code POST livechat/transcript} (typed body): recorded, with the server's system message in
   * the room. The checks are {@code sendTranscript}'s ({@code
   * apps/meteor/app/livechat/server/lib/sendTranscript.ts}, the version that reads the room with
   * projection {@code {_id, v}}): the room, else {@code error-invalid-room}; the token the room was
   * opened with ({@code token !== room.v.token}), else {@code error-invalid-visitor}. The visitor
   * record is not read: the old token of a visitor who has since taken a new one still gets the
   * transcript of the room it opened.
   */
  private Map<String, Object> transcript(Call call) {
    Map<String, Object> body = typedBody(call, Schema.object()
        .required("rid", Schema.string()).required("token", Schema.string()).required("email", Schema.string())
        .optional("subject", Schema.string()));
    StoredRoom room = store.room((String) body.get("rid"));
    if (room == null) {
      throw Refusal.error("error-invalid-room");
    }
    if (!room.openedWith(body.get("token"))) {
      throw Refusal.error("error-invalid-visitor");
    }
    if (!MAIL_ADDRESS.matcher((String) body.get("email")).matches()) {
      // The mailer's sendNoWrap: throw new Meteor.Error('invalid email'), which the route does not catch.
      throw Refusal.meteor("invalid email");
    }
    Instant now = store.now();
    store.transcripts.add(new TranscriptRequest(room.id, (String) body.get("email"), now));
    StoredMessage history = new StoredMessage(Ids.random(), room.id, "", "livechat_transcript_history", null, null,
        Store.ROCKET_CAT, store.now());
    history.extra.put("requestData", JsonValues.object("type", "visitor",
        "visitor", JsonValues.object("_id", room.v.id(), "username", room.v.username(), "token", room.v.token()),
        "user", Store.ROCKET_CAT.toJson()));
    store.add(room, history);
    return payload("message", "Livechat transcript sent");
  }
}
