package dev.livechat.client.model;

import java.util.Map;

/**
 * The survey answers the server recorded for a room.
 *
 * @param roomId the room ({@code rid})
 * @param answers the recorded answers by question ({@code data}); never null
 */
public record SurveyResult(String roomId, Map<String, String> answers) {
  public SurveyResult {
    Arguments.notNull(roomId, "roomId");
    answers = answers == null ? Map.of() : Map.copyOf(answers);
  }
}
