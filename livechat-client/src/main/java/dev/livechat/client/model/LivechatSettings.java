package dev.livechat.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Livechat settings a widget follows, from {@code config.settings}. Each is null when the
 * server did not send it (older servers send fewer).
 *
 * @param registrationForm whether to ask for name and email before the chat
 * @param nameFieldRegistrationForm whether the form asks for the name
 * @param emailFieldRegistrationForm whether the form asks for the email
 * @param allowSwitchingDepartments whether the visitor may change department
 * @param displayOfflineForm whether to offer the offline form when no agent is online
 * @param fileUpload whether visitors may upload files
 * @param transcript whether visitors may ask for a transcript
 * @param videoCall whether video calls are on
 * @param language the widget language, empty for the browser's
 * @param historyMonitorType which page visits to record: {@code url}, {@code title} or {@code none}
 * @param forceAcceptDataProcessingConsent whether the visitor must accept data processing first
 * @param showConnecting whether to show "connecting" while waiting for an agent
 * @param agentHiddenInfo whether agents' details are hidden from visitors
 * @param clearLocalStorageWhenChatEnded whether the widget forgets the visitor after a chat
 * @param visitorsCanCloseChat whether visitors may close the conversation
 * @param limitTextLength the longest message allowed; null when unlimited ({@code false})
 * @param hiddenSystemMessages message types the widget does not show; never null
 */
public record LivechatSettings(
    @Nullable Boolean registrationForm,
    @Nullable Boolean nameFieldRegistrationForm,
    @Nullable Boolean emailFieldRegistrationForm,
    @Nullable Boolean allowSwitchingDepartments,
    @Nullable Boolean displayOfflineForm,
    @Nullable Boolean fileUpload,
    @Nullable Boolean transcript,
    @Nullable Boolean videoCall,
    @Nullable String language,
    @Nullable String historyMonitorType,
    @Nullable Boolean forceAcceptDataProcessingConsent,
    @Nullable Boolean showConnecting,
    @Nullable Boolean agentHiddenInfo,
    @Nullable Boolean clearLocalStorageWhenChatEnded,
    @Nullable Boolean visitorsCanCloseChat,
    @Nullable Integer limitTextLength,
    List<String> hiddenSystemMessages) {

  public LivechatSettings {
    hiddenSystemMessages = hiddenSystemMessages == null ? List.of() : List.copyOf(hiddenSystemMessages);
  }
}
