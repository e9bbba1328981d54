package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.livechat.client.internal.ModelAdapters;
import dev.livechat.client.model.AgentRef;
import dev.livechat.client.model.AttachmentAuthor;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import dev.livechat.client.model.OfflineMessage;
import dev.livechat.client.model.OfflineMessageResult;
import dev.livechat.client.model.SendMessageRequest;
import dev.livechat.client.model.User;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON layer: every record of ours has an explicit adapter and none is ever read by
 * reflection; timestamps in all three wire forms; request bodies without nulls; and no {@code
 * toString()} that prints the visitor token.
 */
class JsonAdaptersTest {
  static final String TOKEN = "SECRET-TOKEN-123";

  /**
   * Public model records that never travel as JSON, so have no adapter: {@link HistoryQuery} is
   * sent as query parameters. Moshi still refuses them rather than reflect over them ({@link
   * ExplicitAdapters#queryOnlyAndFlattenedRecordsAreRefusedRatherThanReflected}).
   */
  static final Set<Class<?>> QUERY_ONLY = Set.of(HistoryQuery.class);

  /**
   * Public model records that travel only flattened into another record's object, so have no
   * adapter of their own: {@link AttachmentAuthor} is the {@code author_*} fields of an attachment.
   * Moshi refuses them too rather than reflect over them.
   */
  static final Set<Class<?>> FLATTENED = Set.of(AttachmentAuthor.class);

  /** An unregistered public record of ours, in the test package. */
  public record Unregistered(String name) {}

  /**
   * Every public record in {@code dev.livechat.client.model}: the {@code .class} files next to
   * {@code Message.class}, without {@code package-info} and nested classes.
   */
  static List<Class<?>> modelRecords() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(Message.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve("dev/livechat/client/model/");
    List<Class<?>> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class") || name.contains("$")) {
          continue;
        }
        Class<?> cls = Class.forName("dev.livechat.client.model." + name.substring(0, name.length() - ".class".length()));
        if (cls.isRecord() && Modifier.isPublic(cls.getModifiers())) {
          records.add(cls);
        }
      }
    }
    return records;
  }

  static Stream<Class<?>> modelRecordsWithAdapters() throws Exception {
    return modelRecords().stream().filter(cls -> !QUERY_ONLY.contains(cls) && !FLATTENED.contains(cls));
  }

  static void assertExplicitAdapter(Class<?> cls) {
    JsonAdapter<?> adapter = ModelAdapters.MOSHI.adapter(cls);
    assertThat(adapter.toString())
        .as("the adapter for %s, registered null-safe", cls.getSimpleName())
        .matches("(RecordAdapter\\(" + cls.getSimpleName() + "\\)|dev\\.livechat\\.client\\.internal\\..*)\\.nullSafe\\(\\)");
  }

  @Nested
  class ExplicitAdapters {
    @Test
    void modelRecordsAreFoundNextToMessageClass() throws Exception {
      assertThat(modelRecords()).contains(
          AgentRef.class, DeletedMessage.class, HistoryQuery.class, Message.class, MessageHistory.class,
          OfflineMessage.class, OfflineMessageResult.class, SendMessageRequest.class, User.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.livechat.client.JsonAdaptersTest#modelRecordsWithAdapters")
    void everyPublicModelRecordHasAnExplicitAdapterOfOurs(Class<?> cls) {
      assertThatCode(() -> assertExplicitAdapter(cls)).doesNotThrowAnyException();
    }

    @Test
    void queryOnlyAndFlattenedRecordsAreRefusedRatherThanReflected() {
      for (Class<?> cls : Stream.concat(QUERY_ONLY.stream(), FLATTENED.stream()).toList()) {
        assertThatThrownBy(() -> ModelAdapters.MOSHI.adapter(cls))
            .as("%s is sent as query parameters, never as JSON", cls.getSimpleName())
            .isInstanceOf(IllegalArgumentException.class);
      }
    }

    @Test
    void unregisteredRecordOfOursIsRefusedInsteadOfReadByReflection() {
      assertThatThrownBy(() -> ModelAdapters.MOSHI.adapter(Unregistered.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("No explicit JSON adapter")
          .hasMessageContaining(Unregistered.class.getName());
      assertThatThrownBy(() -> ModelAdapters.MOSHI.adapter(Types.newParameterizedType(List.class, Unregistered.class)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Unregistered.class.getName());
    }

    @Test
    void plainMoshiWouldReadTheSameRecordByReflection() throws Exception {
      // the contrast: the refusal above comes from our factory, not from the record itself
      JsonAdapter<Unregistered> reflective = new Moshi.Builder().build().adapter(Unregistered.class);

      assertThat(reflective.fromJson("{\"name\":\"x\"}")).isEqualTo(new Unregistered("x"));
    }
  }

  @Nested
  class Instants {
    @Test
    void instantReadsIsoStrings() throws Exception {
      assertThat(ModelAdapters.INSTANT.fromJson("\"2023-10-31T13:14:29.804Z\""))
          .isEqualTo(Instant.parse("2023-10-31T13:14:29.804Z"));
    }

    @Test
    void instantReadsEjsonDateObjects() throws Exception {
      assertThat(ModelAdapters.INSTANT.fromJson("{\"$date\": 1494874057495}")).isEqualTo(Instant.ofEpochMilli(1494874057495L));
    }

    @Test
    void instantReadsBareEpochMillis() throws Exception {
      assertThat(ModelAdapters.INSTANT.fromJson("1494874057495")).isEqualTo(Instant.ofEpochMilli(1494874057495L));
    }

    @Test
    void instantReadsAndWritesNull() throws Exception {
      assertThat(ModelAdapters.INSTANT.fromJson("null")).isNull();
      assertThat(ModelAdapters.INSTANT.toJson(null)).isEqualTo("null");
    }

    @Test
    void instantWritesIso() {
      assertThat(ModelAdapters.INSTANT.toJson(Instant.ofEpochMilli(1494874057495L))).isEqualTo("\"2017-05-15T18:47:37.495Z\"");
      assertThat(ModelAdapters.INSTANT.toJson(Instant.parse("2023-10-31T13:14:29.804Z"))).isEqualTo("\"2023-10-31T13:14:29.804Z\"");
    }

    @Test
    void instantRefusesWhatIsNotATimestamp() {
      assertThatThrownBy(() -> ModelAdapters.INSTANT.fromJson("\"not a date\"")).isInstanceOf(JsonDataException.class);
      assertThatThrownBy(() -> ModelAdapters.INSTANT.fromJson("true")).isInstanceOf(JsonDataException.class);
      assertThatThrownBy(() -> ModelAdapters.INSTANT.fromJson("{\"date\": 1}")).isInstanceOf(JsonDataException.class);
    }
  }

  @Nested
  class RequestBodies {
    @Test
    void sendMessageRequestWritesNoNulls() {
      SendMessageRequest request = SendMessageRequest.of("tok", "room1", "hi");
      String expected = "{\"token\":\"tok\",\"rid\":\"room1\",\"msg\":\"hi\",\"_id\":\"" + request.id() + "\"}";

      assertThat(ModelAdapters.SEND_MESSAGE_REQUEST.toJson(request)).isEqualTo(expected);
      assertThat(ModelAdapters.SEND_MESSAGE_REQUEST.serializeNulls().toJson(request)).as("even when asked to").isEqualTo(expected);
    }

    @Test
    void sendMessageRequestWritesIdAndAgentWhenGiven() {
      SendMessageRequest request = SendMessageRequest.of("tok", "room1", "hi")
          .withId("m1")
          .withAgent(new AgentRef("a1", "kim.jane"));

      assertThat(ModelAdapters.SEND_MESSAGE_REQUEST.toJson(request)).isEqualTo(
          "{\"token\":\"tok\",\"rid\":\"room1\",\"msg\":\"hi\",\"_id\":\"m1\","
              + "\"agent\":{\"agentId\":\"a1\",\"username\":\"kim.jane\"}}");
    }

    @Test
    void offlineMessageWritesNoNulls() {
      assertThat(ModelAdapters.OFFLINE_MESSAGE.serializeNulls().toJson(OfflineMessage.of("n", "e@x.org", "m")))
          .isEqualTo("{\"name\":\"n\",\"email\":\"e@x.org\",\"message\":\"m\"}");
    }
  }

  @Nested
  class NoTokenInToString {
    final Message message = new Message("m1", "room1", "hi", null, TOKEN, "Visitor",
        new User("u1", "guest-1", "Visitor"), Instant.parse("2023-10-31T13:14:29.804Z"), null, null, null);

    @Test
    void messageToStringHidesTheToken() {
      assertThat(message.toString()).doesNotContain(TOKEN).contains("token=***").contains("id=m1");
      assertThat(message.token()).isEqualTo(TOKEN);
    }

    @Test
    void messageHistoryToStringHidesTheTokensOfItsMessages() {
      assertThat(new MessageHistory(List.of(message, message)).toString()).doesNotContain(TOKEN);
    }

    @Test
    void messageReadFromJsonHidesTheToken() throws Exception {
      Message read = ModelAdapters.MESSAGE.fromJson("{\"_id\":\"m1\",\"token\":\"" + TOKEN + "\"}");

      assertThat(read.token()).isEqualTo(TOKEN);
      assertThat(read.toString()).doesNotContain(TOKEN);
    }

    @Test
    void sendMessageRequestToStringHidesTheToken() {
      SendMessageRequest request = SendMessageRequest.of(TOKEN, "room1", "hi")
          .withId("m1")
          .withAgent(new AgentRef("a1", "kim.jane"));

      assertThat(request.toString()).doesNotContain(TOKEN).contains("token=***").contains("roomId=room1");
    }

    @Test
    void clientToStringShowsOnlyTheBaseUrl() {
      OkHttpClient callers = new OkHttpClient.Builder()
          .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Token", TOKEN).build()))
          .build();
      try (LivechatClient client =
          LivechatClient.builder().baseUrl("https://chat.example.com/support/").okHttpClient(callers).build()) {
        assertThat(client).hasToString("LivechatClient[https://chat.example.com/support]");
      }
      try (LivechatClient client = LivechatClient.create("https://chat.example.com")) {
        assertThat(client).hasToString("LivechatClient[https://chat.example.com/]");
      }
    }
  }
}
