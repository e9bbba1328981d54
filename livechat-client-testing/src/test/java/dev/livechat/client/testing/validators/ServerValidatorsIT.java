package dev.livechat.client.testing.validators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.testing.FakeLivechatServer;
import dev.livechat.client.testing.validators.CaseGenerator.RequestCase;
import dev.livechat.client.testing.validators.RouteShape.Where;
import dev.livechat.client.testing.validators.ValidatorService.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * FakeLivechatServer validates as the Rocket.Chat server does: for every visitor route, and every
 * agent route a scripted agent calls ({@link AgentRouteShapes}, sent with an agent's auth headers), several
 * hundred seeded requests (valid, a required field missing, wrong types, nulls, empty and blank
 * strings, unknown fields, numbers as strings, very long strings) go to the fake over HTTP and to the
 * server's own validators (the validator service, {@code src/test/validators/service.cjs}: the AJV
 * validators of {@code @rocket.chat/rest-typings} 8.8.1, and the {@code check()} rules of the routes
 * that use it). Their verdicts must agree on every request: refused by the validation, with exactly
 * the server's status and body (for example {@code {"success":false,"error":"must have required
 * property 'msg' [invalid-params]","errorType":"invalid-params"}}), or let through to the route
 * (any other answer, but never a 5xx of the fake).
 *
 * <p>How the server applies its validators, and so what the service does (Rocket.Chat sources):
 * <ul>
 *   <li>{@code apps/meteor/app/api/server/ApiClass.ts} ({@code addRoute}): a route's {@code
 *       validateParams} judges a GET's {@code queryParams} or another method's {@code bodyParams},
 *       never both, and a refusal is {@code Meteor.Error('invalid-params', messages.join('\n '))}
 *       answered by {@code API.v1.failure(e.message, e.error)}: {@code "<message> [invalid-params]"}
 *       with {@code errorType}.
 *   <li>{@code packages/http-router/src/Router.ts} ({@code method}): a typed route's {@code body}
 *       validator refuses with {@code {"success":false,"errorType":"invalid-params","error":"<message>"}}.
 *   <li>{@code dist/v1/Ajv.js} of the package: bodies are judged by {@code new Ajv({coerceTypes: true,
 *       allowUnionTypes: true, code: {source: true}, discriminator: true})}, GET queries by the same
 *       with {@code coerceTypes: 'array'} ({@code ajvQuery}); both with ajv-formats, the {@code
 *       basic_email}/{@code rfc_email} formats and the {@code isNotEmpty} keyword. Which validator
 *       uses which instance is fixed in {@code dist/v1/omnichannel.js}.
 *   <li>{@code apps/meteor/server/api/v1/omnichannel/}: {@code message.ts}, {@code config.ts},
 *       {@code customField.ts}, {@code room.ts} (close, survey; department.transfer typed), {@code
 *       agent.ts} (agent.next; agent.info validates nothing), {@code offlineMessage.ts}, {@code
 *       pageVisited.ts} and {@code transcript.ts} (typed); {@code room.ts} ({@code GET livechat/room})
 *       and {@code visitor.ts} (register, status, and {@code check(urlParams, {token: String})})
 *       use Meteor's {@code check()}, whose rules and messages follow {@code meteor/meteor
 *       packages/check/match.js}; {@code upload.ts} reads the {@code x-visitor-token} header (403
 *       without it).
 * </ul>
 *
 * <p>Runs only in the validators profile ({@code mvn -B -ntp -Pvalidators -pl livechat-client-testing
 * -am verify}). The seed is printed; {@code -Dvalidators.seed=N} repeats a run, {@code
 * -Dvalidators.cases=N} sets the cases per route.
 */
class ServerValidatorsIT {
  private static final long DEFAULT_SEED = 20_261_206L;
  private static final int DEFAULT_CASES = 400;
  private static final int DETAILS_SHOWN = 25;
  private static final String UPLOAD_TOKEN = "upload-visitor-token";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(10))
      .retryOnConnectionFailure(false)
      .build();

  /** How one route fared. */
  private static final class Tally {
    int cases;
    int agreed;
    int refused;
    int accepted;
  }

  @AfterAll
  static void releaseHttp() {
    HTTP.dispatcher().executorService().shutdown();
    HTTP.connectionPool().evictAll();
  }

  @Test
  void theFakeRefusesAndAcceptsExactlyWhatTheServersValidatorsDo() {
    long seed = Long.getLong("validators.seed", DEFAULT_SEED);
    int count = Integer.getInteger("validators.cases", DEFAULT_CASES);
    System.out.println("ServerValidatorsIT: seed " + seed + " (repeat with -Dvalidators.seed=" + seed + "), "
        + count + " cases per route at least");
    ValidatorService validators = ValidatorService.fromSystemProperty(HTTP);
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<String> disagreements = new ArrayList<>();
    try (FakeLivechatServer fake = FakeLivechatServer.start()) {
      String uploadRoom = visitorWithRoom(fake, UPLOAD_TOKEN);
      for (RouteShape shape : VisitorRouteShapes.all()) {
        RouteShape routed = shape.where() == Where.UPLOAD
            ? new RouteShape(shape.method(), "livechat/upload/" + uploadRoom, Where.UPLOAD, shape.fields(), true)
            : shape;
        for (RequestCase request : new CaseGenerator(routed, seed, shape.describe(), Map.of("x-visitor-token", UPLOAD_TOKEN)).cases(count)) {
          String disagreement = compare(fake, validators, routed, request, tallies);
          if (disagreement != null) {
            disagreements.add(disagreement);
          }
        }
      }
      Map<String, String> agentAuth = agentLoggedIn(fake);
      for (RouteShape shape : AgentRouteShapes.all()) {
        for (RequestCase request : new CaseGenerator(shape, seed, shape.describe(), Map.of()).cases(count)) {
          Map<String, String> headers = new LinkedHashMap<>(request.headers());
          headers.putAll(agentAuth);
          String disagreement = compare(fake, validators, shape,
              new RequestCase(request.change(), request.query(), request.body(), headers), tallies);
          if (disagreement != null) {
            disagreements.add(disagreement);
          }
        }
      }
    }
    printTable(seed, tallies);
    assertThat(disagreements)
        .as("requests on which FakeLivechatServer and the server's validators disagree (seed %d), first %d:%n%s",
            seed, DETAILS_SHOWN, String.join("\n", disagreements.subList(0, Math.min(DETAILS_SHOWN, disagreements.size()))))
        .isEmpty();
  }

  /** Sends one request to both; null if they agree, else what differs. */
  private static @Nullable String compare(FakeLivechatServer fake, ValidatorService validators, RouteShape shape,
      RequestCase request, Map<String, Tally> tallies) {
    String body = request.body() == null ? null : ValidatorService.JSON.toJson(request.body());
    Answer answer = send(fake, shape, request, body);
    Verdict verdict = validators.validate(shape.method(), "/api/v1/" + shape.path(),
        shape.where() == Where.UPLOAD ? Map.of() : request.query(), body, request.headers());
    Tally tally = tallies.computeIfAbsent(verdict.route(), route -> new Tally());
    tally.cases++;
    if (verdict.valid()) {
      tally.accepted++;
    } else {
      tally.refused++;
    }
    String problem;
    if (answer.status() >= 500) {
      problem = "the fake failed";
    } else if (verdict.valid()) {
      problem = refusedByValidation(shape, answer) ? "the server's validation lets it through; the fake refused it" : null;
    } else {
      boolean same = answer.status() == verdict.status() && answer.json() instanceof Map<?, ?> map
          && map.equals(verdict.refusal())
          && List.copyOf(map.keySet()).equals(List.copyOf(Objects.requireNonNull(verdict.refusal()).keySet()));
      problem = same ? null : "the server refuses it with HTTP " + verdict.status() + " "
          + ValidatorService.JSON.toJson(verdict.refusal()) + " (" + verdict.validator() + ")";
    }
    if (problem == null) {
      tally.agreed++;
      return null;
    }
    return "  " + verdict.route() + " [" + request.change() + "]: " + problem + "; the fake answered HTTP "
        + answer.status() + " " + abbreviate(answer.text()) + "\n    query " + abbreviate(String.valueOf(request.query()))
        + " body " + abbreviate(String.valueOf(body)) + " headers " + request.headers();
  }

  /** Whether the fake's answer is a refusal by parameter validation (not by the route's own logic). */
  private static boolean refusedByValidation(RouteShape shape, Answer answer) {
    if (shape.where() == Where.UPLOAD) {
      return answer.status() == 403;
    }
    if (answer.status() != 400 || !(answer.json() instanceof Map<?, ?> map)) {
      return false;
    }
    Object errorType = map.get("errorType");
    return "invalid-params".equals(errorType) || "error-invalid-params".equals(errorType)
        || (map.get("error") instanceof String error && error.startsWith("Match error:"));
  }

  private record Answer(int status, String text, @Nullable Object json) {}

  private static Answer send(FakeLivechatServer fake, RouteShape shape, RequestCase request, @Nullable String body) {
    HttpUrl.Builder url = fake.url().newBuilder().encodedPath("/api/v1/" + shape.path());
    Request.Builder call = new Request.Builder();
    request.headers().forEach(call::header);
    switch (shape.where()) {
      case BODY -> call.method(shape.method(), RequestBody.create(Objects.requireNonNull(body), JSON));
      case UPLOAD -> {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        request.query().forEach((name, value) -> form.addFormDataPart(name, String.valueOf(value)));
        form.addFormDataPart("file", "hello.txt", RequestBody.create("hello", MediaType.get("text/plain")));
        call.post(form.build());
      }
      default -> {
        request.query().forEach((name, value) -> {
          for (Object one : value instanceof List<?> list ? list : List.of(value)) {
            url.addQueryParameter(name, String.valueOf(one));
          }
        });
        call.method(shape.method(), null);
      }
    }
    try (Response response = HTTP.newCall(call.url(url.build()).build()).execute()) {
      String text = response.body().string();
      Object json;
      try {
        json = ValidatorService.JSON.fromJson(text);
      } catch (IOException | RuntimeException notJson) {
        json = null;
      }
      return new Answer(response.code(), text, json);
    } catch (IOException e) {
      return new Answer(599, "no answer (the fake dropped the connection: see its log above): " + e, null);
    }
  }

  /** An agent of the fake, logged in with its password as {@code LivechatAgent} logs in: its auth headers. */
  private static Map<String, String> agentLoggedIn(FakeLivechatServer fake) {
    dev.livechat.client.testing.FakeAgent agent = fake.agent("validators.agent");
    RequestBody login = RequestBody.create("{\"user\":\"validators.agent\",\"password\":\"" + agent.password() + "\"}",
        JSON);
    Answer answer = call(new Request.Builder().url(fake.url().resolve("/api/v1/login")).post(login));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) answer.json()).get("data");
    return Map.of("X-User-Id", (String) data.get("userId"), "X-Auth-Token", (String) data.get("authToken"));
  }

  /** Registers a visitor and opens a room for it, as a client would; the room's id. */
  private static String visitorWithRoom(FakeLivechatServer fake, String token) {
    RequestBody visitor = RequestBody.create("{\"visitor\":{\"token\":\"" + token + "\"}}", JSON);
    Answer registered = call(new Request.Builder().url(fake.url().resolve("/api/v1/livechat/visitor")).post(visitor));
    assertThat(registered.status()).as(registered.text()).isEqualTo(200);
    Answer room = call(new Request.Builder().url(fake.url().resolve("/api/v1/livechat/room?token=" + token)));
    assertThat(room.status()).as(room.text()).isEqualTo(200);
    return (String) ((Map<?, ?>) ((Map<?, ?>) room.json()).get("room")).get("_id");
  }

  private static Answer call(Request.Builder request) {
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body().string();
      return new Answer(response.code(), text, ValidatorService.JSON.fromJson(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void printTable(long seed, Map<String, Tally> tallies) {
    StringBuilder table = new StringBuilder("ServerValidatorsIT (seed " + seed + "): FakeLivechatServer against the"
        + " server's validators, per route\n");
    table.append(String.format("  %-52s %6s %7s %8s %9s%n", "route", "cases", "agreed", "refused", "accepted"));
    Tally total = new Tally();
    tallies.forEach((route, tally) -> {
      table.append(String.format("  %-52s %6d %7d %8d %9d%n", route, tally.cases, tally.agreed, tally.refused,
          tally.accepted));
      total.cases += tally.cases;
      total.agreed += tally.agreed;
      total.refused += tally.refused;
      total.accepted += tally.accepted;
    });
    table.append(String.format("  %-52s %6d %7d %8d %9d", "all routes", total.cases, total.agreed, total.refused,
        total.accepted));
    System.out.println(table);
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
  }
}
