package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.User;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place where every JSON adapter of ours is registered.
 *
 * <p>Each of our types has an explicit streaming adapter. A last factory refuses any type of ours
 * that has none, so Moshi can never fall back to reflection over our records: Android's D8/R8
 * desugar records and ignore the Java 16 part of Moshi's jar, and R8 renames what reflection looks
 * up.
 */
public final class Json {
  /** Moshi with all of our adapters, and no reflective fallback for our types. */
  public static final Moshi MOSHI;

  static {
    InstantAdapter instants = new InstantAdapter();
    UserAdapter users = new UserAdapter();
    MessageAdapter messages = new MessageAdapter(users, instants);
    AgentRefAdapter agents = new AgentRefAdapter();
    MOSHI = new Moshi.Builder()
        .add(Instant.class, instants)
        .add(User.class, users)
        .add(Message.class, messages)
        .add(DeletedMessage.class, new DeletedMessageAdapter(instants))
        .add(MessageHistory.class, new MessageHistoryAdapter(messages))
        .add(OfflineMessageResult.class, new OfflineMessageResultAdapter())
        .add(AgentRef.class, agents)
        .add(SendMessageRequest.class, new SendMessageRequestAdapter(agents))
        .add(OfflineMessage.class, new OfflineMessageAdapter())
        .add(Json::refuseReflection)
        .build();
  }

  public static final JsonAdapter<Instant> INSTANT = MOSHI.adapter(Instant.class);
  public static final JsonAdapter<Message> MESSAGE = MOSHI.adapter(Message.class);
  public static final JsonAdapter<DeletedMessage> DELETED_MESSAGE = MOSHI.adapter(DeletedMessage.class);
  public static final JsonAdapter<MessageHistory> MESSAGE_HISTORY = MOSHI.adapter(MessageHistory.class);
  public static final JsonAdapter<OfflineMessageResult> OFFLINE_MESSAGE_RESULT =
      MOSHI.adapter(OfflineMessageResult.class);
  public static final JsonAdapter<SendMessageRequest> SEND_MESSAGE_REQUEST =
      MOSHI.adapter(SendMessageRequest.class);
  public static final JsonAdapter<OfflineMessage> OFFLINE_MESSAGE = MOSHI.adapter(OfflineMessage.class);

  private Json() {}

  private static @Nullable JsonAdapter<?> refuseReflection(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    Class<?> raw = Types.getRawType(type);
    if (raw.getName().startsWith("dev.livechat.")) {
      throw new IllegalArgumentException(
          "No explicit JSON adapter for " + raw.getName() + ": register one in " + Json.class.getName());
    }
    return null;
  }
}
