package dev.livechat.client.testing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a {@link FakeLivechatServer} runs with, named after the real server's: one immutable
 * value, changed with its {@code with*} methods and given to {@link FakeLivechatServer#start(ServerSettings)}
 * or {@link FakeLivechatServer#reconfigure(ServerSettings)}.
 *
 * <pre>{@code
 * FakeLivechatServer server = FakeLivechatServer.start(ServerSettings.defaults()
 *     .withRoutingMethod(RoutingMethod.MANUAL_SELECTION)
 *     .withMessageEditing(false));
 * }</pre>
 *
 * <p>{@link #defaults()} are the server's defaults except where a default would leave the fake
 * useless or untestable, each said below: {@code Livechat_offline_email} is set (the server's is
 * empty, under which every offline message fails), the rate limiter is off (the server's is on) and
 * an agent counts as online.
 *
 * @param livechatEnabled {@code Livechat_enabled} (default on): off, {@code config} says {@code
 *     enabled:false} and no room can be opened ({@code error-omnichannel-is-disabled})
 * @param routingMethod {@code Livechat_Routing_Method} (default {@link RoutingMethod#AUTO_SELECTION})
 * @param agentsOnline whether the service has an online agent (default yes; {@code
 *     Livechat_accept_chats_with_no_agents} off, as the server's default): if not, {@code config}
 *     reports {@code online:false}, new rooms are refused with {@code no-agent-online} and {@code
 *     agent.next} finds nobody
 * @param maxChatsPerAgent {@code Livechat_maximum_chats_per_agent} (a premium setting; default 0, no
 *     limit): auto selection passes over an agent serving that many open rooms
 * @param showAgentInfo {@code Livechat_show_agent_info} (default on): off, agents show as {@code
 *     {"hiddenInfo":true}}
 * @param messageEditing {@code Message_AllowEditing} (default on)
 * @param messageDeleting {@code Message_AllowDeleting} (default on)
 * @param messageCharacterLimit {@code Livechat_message_character_limit} with {@code
 *     Livechat_enable_message_character_limit}; 0 (the default) for no limit
 * @param visitorsCanCloseChat {@code Omnichannel_allow_visitors_to_close_conversation} (default on)
 * @param fileUpload {@code FileUpload_Enabled}, the workspace's upload switch (default on)
 * @param livechatFileUpload {@code Livechat_fileupload_enabled}, Omnichannel's (default on); a
 *     visitor may upload only when both are on
 * @param offlineForm {@code Livechat_display_offline_form} (default on)
 * @param offlineEmail {@code Livechat_offline_email}, where offline messages are mailed (the fake's
 *     default {@code offline@example.com}; empty or not an address, every offline message fails, as
 *     on a server where it is not configured)
 * @param validateOfflineEmail {@code Livechat_validate_offline_email} (default off): on, an offline
 *     message from an address whose domain has no MX record (here: is not one of {@link
 *     #mailDomains}) fails
 * @param mailDomains the domains the fake's DNS knows to have MX records (default {@code
 *     example.com}, {@code example.org}); used only by {@link #validateOfflineEmail}
 * @param storeHttpHeaders {@code Livechat_Allow_collect_and_store_HTTP_header_informations} (default
 *     off): on, a visitor with an open room may be deleted
 * @param historyMonitorType {@code Livechat_history_monitor_type} (default {@code url}): the page
 *     change {@code page.visited} records
 * @param navigationAsMessage {@code Livechat_Visitor_navigation_as_a_message} (default off): on, the
 *     recorded page visits are visible messages of the room; off, they are stored hidden
 * @param customFields the Omnichannel custom fields defined (default none)
 * @param rateLimiter {@code API_Enable_Rate_Limiter} with its default limits (the fake's default off;
 *     see {@link FakeLivechatServer#enableRateLimits()})
 * @param distinctTimestamps whether each stored timestamp is at least one millisecond after the
 *     previous one (default yes; see <i>Time</i> in {@link FakeLivechatServer})
 * @param webhook the Livechat webhook ({@code Livechat_webhookUrl}, {@code Livechat_secret_token},
 *     the {@code Livechat_webhook_on_*} switches, {@code Livechat_http_timeout}); default {@link
 *     WebhookSettings#off()}, as the server's (no URL, every switch off)
 */
public record ServerSettings(
    boolean livechatEnabled,
    RoutingMethod routingMethod,
    boolean agentsOnline,
    int maxChatsPerAgent,
    boolean showAgentInfo,
    boolean messageEditing,
    boolean messageDeleting,
    int messageCharacterLimit,
    boolean visitorsCanCloseChat,
    boolean fileUpload,
    boolean livechatFileUpload,
    boolean offlineForm,
    String offlineEmail,
    boolean validateOfflineEmail,
    Set<String> mailDomains,
    boolean storeHttpHeaders,
    String historyMonitorType,
    boolean navigationAsMessage,
    List<CustomFieldDefinition> customFields,
    boolean rateLimiter,
    boolean distinctTimestamps,
    WebhookSettings webhook) {

  /** {@code Livechat_Routing_Method}: how a new room finds its agent. */
  public enum RoutingMethod {
    /**
     * {@code Auto_Selection}, the server's default: a new room is taken at once by the available
     * agent (online, accepting chats, under the chat limit) serving the fewest open rooms, and waits
     * in the queue if there is none; {@code agent.next} names that agent.
     */
    AUTO_SELECTION,
    /**
     * {@code Manual_Selection}: a new room waits in the queue until an agent takes it ({@link
     * FakeAgent#assign}); {@code agent.next} finds nobody ({@code agent-not-found}).
     */
    MANUAL_SELECTION
  }

  /** Checks the values; lists and sets are copied. */
  public ServerSettings {
    Objects.requireNonNull(routingMethod, "routingMethod");
    Objects.requireNonNull(offlineEmail, "offlineEmail");
    Objects.requireNonNull(historyMonitorType, "historyMonitorType");
    Objects.requireNonNull(webhook, "webhook");
    if (maxChatsPerAgent < 0) {
      throw new IllegalArgumentException("maxChatsPerAgent must not be negative, was " + maxChatsPerAgent);
    }
    if (messageCharacterLimit < 0) {
      throw new IllegalArgumentException("messageCharacterLimit must not be negative, was " + messageCharacterLimit);
    }
    mailDomains = mailDomains == null ? Set.of() : Set.copyOf(lowerCase(mailDomains));
    customFields = customFields == null ? List.of() : List.copyOf(customFields);
    long distinct = customFields.stream().map(CustomFieldDefinition::id).distinct().count();
    if (distinct != customFields.size()) {
      throw new IllegalArgumentException("custom field ids must be distinct: " + customFields);
    }
  }

  private static Set<String> lowerCase(Set<String> domains) {
    return domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
  }

  /** The fake's defaults: the server's, but for the three said in the class description. */
  public static ServerSettings defaults() {
    return new ServerSettings(true, RoutingMethod.AUTO_SELECTION, true, 0, true, true, true, 0, true, true, true,
        true, "offline@example.com", false, Set.of("example.com", "example.org"), false, "url", false, List.of(),
        false, true, WebhookSettings.off());
  }

  /** With {@code Livechat_enabled}. */
  public ServerSettings withLivechatEnabled(boolean enabled) {
    return with(c -> c.livechatEnabled = enabled);
  }

  /** With {@code Livechat_Routing_Method}. */
  public ServerSettings withRoutingMethod(RoutingMethod method) {
    return with(c -> c.routingMethod = method);
  }

  /** With whether the service has an online agent. */
  public ServerSettings withAgentsOnline(boolean online) {
    return with(c -> c.agentsOnline = online);
  }

  /** With {@code Livechat_maximum_chats_per_agent} (0: no limit). */
  public ServerSettings withMaxChatsPerAgent(int max) {
    return with(c -> c.maxChatsPerAgent = max);
  }

  /** With {@code Livechat_show_agent_info}. */
  public ServerSettings withShowAgentInfo(boolean show) {
    return with(c -> c.showAgentInfo = show);
  }

  /** With {@code Message_AllowEditing}. */
  public ServerSettings withMessageEditing(boolean allowed) {
    return with(c -> c.messageEditing = allowed);
  }

  /** With {@code Message_AllowDeleting}. */
  public ServerSettings withMessageDeleting(boolean allowed) {
    return with(c -> c.messageDeleting = allowed);
  }

  /** With {@code Livechat_message_character_limit} (0: no limit). */
  public ServerSettings withMessageCharacterLimit(int limit) {
    return with(c -> c.messageCharacterLimit = limit);
  }

  /** With {@code Omnichannel_allow_visitors_to_close_conversation}. */
  public ServerSettings withVisitorsCanCloseChat(boolean allowed) {
    return with(c -> c.visitorsCanCloseChat = allowed);
  }

  /** With {@code FileUpload_Enabled}, the workspace's upload switch. */
  public ServerSettings withFileUpload(boolean enabled) {
    return with(c -> c.fileUpload = enabled);
  }

  /** With {@code Livechat_fileupload_enabled}, Omnichannel's upload switch. */
  public ServerSettings withLivechatFileUpload(boolean enabled) {
    return with(c -> c.livechatFileUpload = enabled);
  }

  /** With {@code Livechat_display_offline_form}. */
  public ServerSettings withOfflineForm(boolean enabled) {
    return with(c -> c.offlineForm = enabled);
  }

  /** With {@code Livechat_offline_email}; {@code ""} for a server where it is not configured. */
  public ServerSettings withOfflineEmail(String email) {
    return with(c -> c.offlineEmail = email);
  }

  /** With {@code Livechat_validate_offline_email}. */
  public ServerSettings withValidateOfflineEmail(boolean validate) {
    return with(c -> c.validateOfflineEmail = validate);
  }

  /** With the domains whose MX lookup succeeds (for {@link #validateOfflineEmail}). */
  public ServerSettings withMailDomains(Set<String> domains) {
    return with(c -> c.mailDomains = domains);
  }

  /** With {@code Livechat_Allow_collect_and_store_HTTP_header_informations}. */
  public ServerSettings withStoreHttpHeaders(boolean store) {
    return with(c -> c.storeHttpHeaders = store);
  }

  /** With {@code Livechat_history_monitor_type} ({@code url} or {@code title}). */
  public ServerSettings withHistoryMonitorType(String type) {
    return with(c -> c.historyMonitorType = type);
  }

  /** With {@code Livechat_Visitor_navigation_as_a_message}. */
  public ServerSettings withNavigationAsMessage(boolean asMessage) {
    return with(c -> c.navigationAsMessage = asMessage);
  }

  /** With these custom fields defined (replacing those defined before). */
  public ServerSettings withCustomFields(List<CustomFieldDefinition> fields) {
    return with(c -> c.customFields = fields);
  }

  /** With {@code API_Enable_Rate_Limiter}. */
  public ServerSettings withRateLimiter(boolean enabled) {
    return with(c -> c.rateLimiter = enabled);
  }

  /** With whether stored timestamps are distinct. */
  public ServerSettings withDistinctTimestamps(boolean distinct) {
    return with(c -> c.distinctTimestamps = distinct);
  }

  /**
   * With the Livechat webhook, for example {@code withWebhook(WebhookSettings.to(url).onAll())}; {@link
   * WebhookSettings#off()} to stop posting (deliveries under way still retry).
   */
  public ServerSettings withWebhook(WebhookSettings webhook) {
    return with(c -> c.webhook = webhook);
  }

  /** The custom field {@code id}, or null if it is not defined. */
  @org.jspecify.annotations.Nullable CustomFieldDefinition customField(String id) {
    for (CustomFieldDefinition field : customFields) {
      if (field.id().equals(id)) {
        return field;
      }
    }
    return null;
  }

  private ServerSettings with(java.util.function.Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** A copy of every value, to change one and build the new settings from. */
  private static final class Copy {
    boolean livechatEnabled;
    RoutingMethod routingMethod;
    boolean agentsOnline;
    int maxChatsPerAgent;
    boolean showAgentInfo;
    boolean messageEditing;
    boolean messageDeleting;
    int messageCharacterLimit;
    boolean visitorsCanCloseChat;
    boolean fileUpload;
    boolean livechatFileUpload;
    boolean offlineForm;
    String offlineEmail;
    boolean validateOfflineEmail;
    Set<String> mailDomains;
    boolean storeHttpHeaders;
    String historyMonitorType;
    boolean navigationAsMessage;
    List<CustomFieldDefinition> customFields;
    boolean rateLimiter;
    boolean distinctTimestamps;
    WebhookSettings webhook;

    Copy(ServerSettings settings) {
      livechatEnabled = settings.livechatEnabled;
      routingMethod = settings.routingMethod;
      agentsOnline = settings.agentsOnline;
      maxChatsPerAgent = settings.maxChatsPerAgent;
      showAgentInfo = settings.showAgentInfo;
      messageEditing = settings.messageEditing;
      messageDeleting = settings.messageDeleting;
      messageCharacterLimit = settings.messageCharacterLimit;
      visitorsCanCloseChat = settings.visitorsCanCloseChat;
      fileUpload = settings.fileUpload;
      livechatFileUpload = settings.livechatFileUpload;
      offlineForm = settings.offlineForm;
      offlineEmail = settings.offlineEmail;
      validateOfflineEmail = settings.validateOfflineEmail;
      mailDomains = settings.mailDomains;
      storeHttpHeaders = settings.storeHttpHeaders;
      historyMonitorType = settings.historyMonitorType;
      navigationAsMessage = settings.navigationAsMessage;
      customFields = settings.customFields;
      rateLimiter = settings.rateLimiter;
      distinctTimestamps = settings.distinctTimestamps;
      webhook = settings.webhook;
    }

    ServerSettings build() {
      return new ServerSettings(livechatEnabled, routingMethod, agentsOnline, maxChatsPerAgent, showAgentInfo,
          messageEditing, messageDeleting, messageCharacterLimit, visitorsCanCloseChat, fileUpload, livechatFileUpload,
          offlineForm, offlineEmail, validateOfflineEmail, mailDomains, storeHttpHeaders, historyMonitorType,
          navigationAsMessage, customFields, rateLimiter, distinctTimestamps, webhook);
    }
  }
}
