package dev.livechat.client.model;


/**
 * One answer of the satisfaction survey at the end of a conversation.
 *
 * <p>The server's questions are {@code satisfaction}, {@code agentKnowledge}, {@code
 * agentResposiveness} (sic), {@code agentFriendliness}, with values {@code "1"} to {@code "5"},
 * and the free text {@code additionalFeedback}; see {@code LivechatConfig} for the current set.
 *
 * @param name the question
 * @param value the answer
 */
public record SurveyAnswer(String name, String value) {
  public SurveyAnswer {
    Arguments.notBlank(name, "name");
    Arguments.notNull(value, "value");
  }
}
