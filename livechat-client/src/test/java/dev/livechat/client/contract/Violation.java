package dev.livechat.client.contract;

import java.util.List;

/**
 * One finding of Prism's request validation: an entry of the {@code sl-violations} response header
 * (or of the {@code validation} list of a 422 problem+json answer, which Prism sends instead when
 * the operation declares no 400 response), for example {@code {"location":["request","body"],
 * "severity":"Error","code":"required","message":"Request body must have required property
 * 'department'"}}.
 *
 * @param location where in the request, for example {@code [request, body]} or {@code [request,
 *     query, ls]}
 * @param severity {@code Error}, {@code Warning}, ...
 * @param code the validation keyword, for example {@code required}, {@code type}, {@code format}
 * @param message Prism's sentence
 */
public record Violation(List<String> location, String severity, String code, String message) {
  public Violation {
    location = List.copyOf(location);
  }

  @Override
  public String toString() {
    return severity + " " + code + " at " + String.join(".", location) + ": " + message;
  }
}
