package dev.livechat.client.testing.validators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.RetryPolicy;
import dev.livechat.client.model.NewVisitor;
import dev.livechat.client.testing.FakeAgent;
import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.ServerSettings.RoutingMethod;
import dev.livechat.client.testing.agent.AgentCredentials;
import dev.livechat.client.testing.agent.LivechatAgent;
import dev.livechat.client.testing.validators.ValidatorService.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every request {@link LivechatAgent} sends to an agent route is one the Rocket.Chat server's own
 * validators accept (the validator service of the validators profile: {@code
 * isPOSTLivechatAgentStatusProps}, {@code isGETLivechatInquiriesQueuedForUserParams}, {@code
 * isPOSTLivechatInquiriesTakeParams}, {@code isGETLivechatRoomsParams}, {@code
 * isLiveChatRoomForwardProps}, {@code isPOSTLivechatRoomCloseByUserParams}, {@code
 * isChatSendMessageProps}, {@code isChatUpdateProps} of {@code @rocket.chat/rest-typings} 8.8.1):
 * a whole agent session against the fake, each request recorded by an interceptor and judged.
 */
class AgentRequestsIT {
  private record Sent(String method, String path, Map<String, Object> query, @Nullable String body) {}

  @Test
  void theAgentsRequestsPassTheServersValidators() {
    OkHttpClient validatorHttp = new OkHttpClient();
    ValidatorService validators = ValidatorService.fromSystemProperty(validatorHttp);
    List<Sent> sent = new ArrayList<>();
    OkHttpClient recording = new OkHttpClient.Builder().addInterceptor(chain -> {
      Request request = chain.request();
      String body = null;
      if (request.body() != null) {
        Buffer buffer = new Buffer();
        request.body().writeTo(buffer);
        body = buffer.readUtf8();
      }
      synchronized (sent) {
        sent.add(new Sent(request.method(), request.url().encodedPath(), query(request.url()), body));
      }
      return chain.proceed(request);
    }).build();

    try (FakeLivechatServer fake = FakeLivechatServer.start();
        LivechatClient visitor = LivechatClient.builder().baseUrl(fake.url()).retryPolicy(RetryPolicy.none()).build()) {
      FakeAgent ana = fake.agent("ana");
      FakeAgent bo = fake.agent("bo");
      bo.setAvailable(false);
      fake.reconfigure(s -> s.withRoutingMethod(RoutingMethod.MANUAL_SELECTION));
      fake.addDepartment("sales", "Sales");
      try (LivechatAgent agent = LivechatAgent.builder().baseUrl(fake.url()).okHttpClient(recording)
          .credentials(AgentCredentials.password("ana", ana.password())).build()) {
        visitor.registerVisitor(NewVisitor.of("validated-visitor").withName("Ada"));
        String rid = visitor.openRoom("validated-visitor").room().id();
        agent.setAvailable(false);
        agent.setAvailable(true);
        agent.queuedInquiries();
        agent.queuedInquiries(0, 10);
        agent.accept(rid, Duration.ofSeconds(5));
        agent.openRooms();
        String id = agent.sendMessage(rid, "Hello").id();
        agent.sendMessage(rid, "agent-chosen-id", "Hello again");
        agent.editMessage(rid, id, "Hello!");
        bo.setAvailable(true);
        agent.forward(rid, bo.id());
        bo.forward(rid, ana); // back to ana, who closes it
        agent.closeRoom(rid, "Solved", List.of("sales"));
      }
    }

    List<String> problems = new ArrayList<>();
    List<String> routes = new ArrayList<>();
    for (Sent request : sent) {
      if (request.path().equals("/api/v1/login") || request.path().equals("/api/v1/me")) {
        continue; // not validated by a rest-typings validator (APIClass._initAuth, misc.ts)
      }
      Verdict verdict = validators.validate(request.method(), request.path(), request.query(), request.body(), Map.of());
      routes.add(verdict.route());
      if (!verdict.valid()) {
        problems.add(request + " -> " + verdict);
      }
    }
    validatorHttp.dispatcher().executorService().shutdown();
    assertThat(problems).isEmpty();
    assertThat(routes).contains("POST livechat/agent.status", "GET livechat/inquiries.queuedForUser",
        "POST livechat/inquiries.take", "GET livechat/rooms", "POST chat.sendMessage", "POST chat.update",
        "POST livechat/room.forward", "POST livechat/room.closeByUser");
  }

  private static Map<String, Object> query(HttpUrl url) {
    Map<String, Object> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      List<String> values = url.queryParameterValues(name).stream().map(v -> v == null ? "" : v).toList();
      query.put(name, values.size() == 1 ? values.get(0) : values);
    }
    return query;
  }
}
