package dev.livechat.client.testing.agent;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat waiting in the queue for an agent to take it (the server's {@code ILivechatInquiryRecord},
 * the fields a harness needs).
 *
 * @param id the inquiry's {@code _id}, what {@link LivechatAgent#takeInquiry} takes
 * @param roomId the room waiting ({@code rid})
 * @param name the visitor's name as the inquiry shows it ({@code name})
 * @param status {@code queued} (or {@code ready}, {@code taken}, ... as the server says)
 * @param department the department's id, or null
 * @param timestamp when the inquiry was made ({@code ts}), or null
 */
public record Inquiry(String id, String roomId, @Nullable String name, @Nullable String status,
    @Nullable String department, @Nullable Instant timestamp) {
  public Inquiry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(roomId, "roomId");
  }
}
