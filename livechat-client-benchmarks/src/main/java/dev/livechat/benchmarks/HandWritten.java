package dev.livechat.benchmarks;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The physical limit: the same requests written by hand with OkHttp, the same answers read by a
 * hand-written Moshi {@link JsonReader} loop straight from the response stream into the same
 * records the SDK returns ({@link Message}, {@link User}, {@link FileInfo}, {@link Attachment},
 * {@link MessageHistory}). No retries, no error mapping beyond "not 2xx", no rate-limit headers.
 */
public final class HandWritten {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonReader.Options TOP_SEND = JsonReader.Options.of("message");
  private static final JsonReader.Options TOP_HISTORY = JsonReader.Options.of("messages");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of(
      "_id", "rid", "msg", "t", "token", "alias", "u", "ts", "ls", "_updatedAt", "editedAt", "editedBy",
      "file", "attachments");
  private static final JsonReader.Options USER = JsonReader.Options.of("_id", "username", "name");
  private static final JsonReader.Options FILE = JsonReader.Options.of("_id", "name", "type");
  private static final JsonReader.Options ATTACHMENT = JsonReader.Options.of(
      "type", "title", "title_link", "description", "image_url", "image_type", "image_size");
  private static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OkHttpClient client;
  private final HttpUrl api;

  public HandWritten(OkHttpClient client, String baseUrl) {
    this.client = client;
    this.api = HttpUrl.get(baseUrl).newBuilder().addPathSegments("api/v1").build();
  }

  /** {@code POST /api/v1/livechat/message} with {@code {"token","rid","msg","_id"}}, as the SDK sends it. */
  public Message sendMessage(String token, String rid, String text) throws IOException {
    try (Response response = client.newCall(sendRequest(token, rid, text)).execute()) {
      return readSend(response);
    }
  }

  /** The same, with OkHttp's {@code enqueue}. */
  public CompletableFuture<Message> sendMessageAsync(String token, String rid, String text) {
    CompletableFuture<Message> result = new CompletableFuture<>();
    client.newCall(sendRequest(token, rid, text)).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          result.complete(readSend(response));
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** {@code GET /api/v1/livechat/messages.history/:rid?token=}, as the SDK sends it. */
  public MessageHistory loadHistory(String token, String rid) throws IOException {
    HttpUrl url = api.newBuilder()
        .addPathSegment("livechat")
        .addPathSegment("messages.history")
        .addPathSegment(rid)
        .addQueryParameter("token", token)
        .build();
    try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code());
      }
      return history(JsonReader.of(response.body().source()));
    }
  }

  private Request sendRequest(String token, String rid, String text) {
    Buffer body = new Buffer();
    try (JsonWriter out = JsonWriter.of(body)) {
      out.beginObject()
          .name("token").value(token)
          .name("rid").value(rid)
          .name("msg").value(text)
          .name("_id").value(messageId())
          .endObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpUrl url = api.newBuilder().addPathSegment("livechat").addPathSegment("message").build();
    return new Request.Builder().url(url).post(RequestBody.create(body.readByteString(), JSON)).build();
  }

  private static Message readSend(Response response) throws IOException {
    if (!response.isSuccessful()) {
      throw new IOException("HTTP " + response.code());
    }
    BufferedSource source = response.body().source();
    JsonReader in = JsonReader.of(source);
    Message message = null;
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(TOP_SEND) == 0) {
        message = message(in);
      } else {
        in.skipName();
        in.skipValue();
      }
    }
    in.endObject();
    if (message == null) {
      throw new IOException("no message");
    }
    return message;
  }

  /** A 17-character id of the server's alphabet, from one draw of secure random bytes. */
  static String messageId() {
    char[] id = new char[17];
    byte[] random = new byte[32];
    int filled = 0;
    while (filled < id.length) {
      RANDOM.nextBytes(random);
      for (int i = 0; i < random.length && filled < id.length; i++) {
        int value = random[i] & 0xff;
        if (value < 220) { // 4 * 55: no modulo bias
          id[filled++] = ALPHABET.charAt(value % 55);
        }
      }
    }
    return new String(id);
  }

  /** {@code {"messages": [...]}}. */
  public static MessageHistory history(JsonReader in) throws IOException {
    List<Message> messages = null;
    in.beginObject();
    while (in.hasNext()) {
      if (in.selectName(TOP_HISTORY) == 0) {
        messages = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          messages.add(message(in));
        }
        in.endArray();
      } else {
        in.skipName();
        in.skipValue();
      }
    }
    in.endObject();
    if (messages == null) {
      throw new IOException("no messages");
    }
    return new MessageHistory(messages);
  }

  static Message message(JsonReader in) throws IOException {
    String id = null;
    String roomId = null;
    String text = null;
    String type = null;
    String token = null;
    String alias = null;
    User user = null;
    Instant timestamp = null;
    Instant lastSeen = null;
    Instant updatedAt = null;
    Instant editedAt = null;
    User editedBy = null;
    FileInfo file = null;
    List<Attachment> attachments = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(MESSAGE)) {
        case 0 -> id = in.nextString();
        case 1 -> roomId = in.nextString();
        case 2 -> text = in.nextString();
        case 3 -> type = in.nextString();
        case 4 -> token = in.nextString();
        case 5 -> alias = in.nextString();
        case 6 -> user = user(in);
        case 7 -> timestamp = Instant.parse(in.nextString());
        case 8 -> lastSeen = Instant.parse(in.nextString());
        case 9 -> updatedAt = Instant.parse(in.nextString());
        case 10 -> editedAt = Instant.parse(in.nextString());
        case 11 -> editedBy = user(in);
        case 12 -> file = file(in);
        case 13 -> {
          attachments = new ArrayList<>();
          in.beginArray();
          while (in.hasNext()) {
            attachments.add(attachment(in));
          }
          in.endArray();
        }
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new Message(id, roomId, text, type, token, alias, user,
        timestamp != null ? timestamp : lastSeen, updatedAt, editedAt, editedBy, file, attachments);
  }

  private static User user(JsonReader in) throws IOException {
    String id = null;
    String username = null;
    String name = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(USER)) {
        case 0 -> id = in.nextString();
        case 1 -> username = in.nextString();
        case 2 -> name = in.nextString();
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new User(id, username, name);
  }

  private static FileInfo file(JsonReader in) throws IOException {
    String id = null;
    String name = null;
    String type = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(FILE)) {
        case 0 -> id = in.nextString();
        case 1 -> name = in.nextString();
        case 2 -> type = in.nextString();
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new FileInfo(id, name, type);
  }

  private static Attachment attachment(JsonReader in) throws IOException {
    String type = null;
    String title = null;
    String titleLink = null;
    String description = null;
    String imageUrl = null;
    String imageType = null;
    Long imageSize = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.selectName(ATTACHMENT)) {
        case 0 -> type = in.nextString();
        case 1 -> title = in.nextString();
        case 2 -> titleLink = in.nextString();
        case 3 -> description = in.nextString();
        case 4 -> imageUrl = in.nextString();
        case 5 -> imageType = in.nextString();
        case 6 -> imageSize = in.nextLong();
        default -> {
          in.skipName();
          in.skipValue();
        }
      }
    }
    in.endObject();
    return new Attachment(type, title, titleLink, description, imageUrl, imageType, imageSize);
  }
}
