package dev.livechat.client.model;

import dev.livechat.client.internal.Checks;
import java.util.Map;

/**
 * The survey answers the server recorded for a room.
 *
 * @param roomId the room ({@code rid})
 * @param answers the recorded answers by question ({@code data}); never null
 */
public record SurveyResult(String roomId, Map<String, String> answers) {
  public SurveyResult {
    Checks.notNull(roomId, "roomId");
    answers = answers == null ? Map.of() : Map.copyOf(answers);
  }
}
