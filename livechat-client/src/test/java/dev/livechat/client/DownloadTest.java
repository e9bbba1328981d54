package dev.livechat.client;

import static dev.livechat.client.BadInputTest.NPE_NULL;
import static dev.livechat.client.BadInputTest.nullAndBlank;
import static dev.livechat.client.BadInputTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.livechat.client.BadInputTest.Call;
import dev.livechat.client.exception.LivechatApiException;
import dev.livechat.client.exception.LivechatNetworkException;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.FileInfo;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import okio.ByteString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Downloading a file of a message as the visitor: the file route under the server root, the
 * visitor's credentials as the server reads them, the answer streamed, refusals, links that are
 * not files of this server, redirects, and the log.
 *
 * <p>Server sources: the route and its 403/404 (RC
 * apps/meteor/app/file-upload/server/lib/requests.ts, {@code /file-upload/:id/:name}, the file found
 * by id alone); who may read (RC apps/meteor/app/file-upload/server/lib/FileUpload.ts {@code
 * requestCanAccessFiles}: {@code rc_uid, rc_token, rc_rid, rc_room_type} from the query, or from the
 * cookies when the query has no {@code rc_uid}; RC
 * apps/meteor/server/lib/rooms/roomTypes/livechat.ts {@code canAccessUploadedFile}: room type
 * {@code l}, a visitor token that owns {@code rc_rid}); the cookies decoded with {@code
 * decodeURIComponent} (ostrio:cookies, which FileUpload.ts reads them with); the answer's headers
 * (RC apps/meteor/app/file-upload/server/config/FileSystem.ts {@code get}: {@code
 * Content-Disposition: attachment; filename*=UTF-8''<encodeURIComponent(name)>}, {@code
 * Content-Type}, {@code Content-Length}; requests.ts adds {@code Content-Security-Policy} and {@code
 * Cache-Control}).
 */
class DownloadTest extends ClientTestBase {
  static final String TOKEN = "8s7e9ony6ctl27e1qf8kue";
  static final String RID = "kCJDd5peKiZnGJLPq";
  static final String COOKIES = "rc_token=" + TOKEN + "; rc_rid=" + RID + "; rc_room_type=l";
  static final FileInfo IMAGE = new FileInfo("67c6d2b6e1a2f94d3c0b7a11", "invoice.png", "image/png", 482133L, null);

  /** The file as the FileSystem store sends it. */
  static MockResponse file(byte[] content, String name, String type) {
    return new MockResponse.Builder()
        .addHeader("Content-Security-Policy", "default-src 'none'")
        .addHeader("Cache-Control", "max-age=31536000")
        .addHeader("Content-Disposition", "attachment; filename*=UTF-8''" + EncodeUriComponent.encode(name))
        .addHeader("Last-Modified", "Tue, 04 Mar 2025 10:15:02 GMT")
        .addHeader("Content-Type", type)
        .body(new okio.Buffer().write(content))
        .build();
  }

  /** The refusal of requests.ts: a status, no body. */
  static MockResponse refusal(int status) {
    return new MockResponse.Builder().code(status).build();
  }

  /** The request line and headers every download sends: GET, no body, the cookies, no other credential. */
  static void assertDownloadRequest(RecordedRequest request, String target) {
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(target);
    assertThat(request.getHeaders().values("Cookie")).containsExactly(COOKIES);
    assertThat(request.getHeaders().get("x-visitor-token")).isNull();
    assertThat(request.getUrl().queryParameter("rc_token")).isNull();
    assertThat(request.getBodySize()).isZero();
  }

  static byte[] read(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  @Nested
  class Requests {
    @Test
    void downloadFileGetsTheFileRouteWithTheVisitorCookiesAndStreamsTheAnswer() throws Exception {
      byte[] png = UploadTest.binary(482_133);
      server.enqueue(file(png, "invoice.png", "image/png"));

      try (FileDownload download = client.downloadFile(TOKEN, RID, IMAGE)) {
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.contentLength()).isEqualTo(482_133L);
        assertThat(download.fileName()).isEqualTo("invoice.png");
        assertThat(read(download.body())).isEqualTo(png);
        assertThat(download.toString()).doesNotContain(TOKEN)
            .isEqualTo("FileDownload[GET /file-upload/:id/:name, image/png, 482133 bytes]");
      }
      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
    }

    @Test
    void downloadFileOfAnAttachmentLinkUsesTheLinkAsTheServerSentIt() throws Exception {
      server.enqueue(Fixtures.ok("messages/history-files-current-server.json"));
      byte[] thumb = UploadTest.binary(31_877);
      server.enqueue(file(thumb, "thumb-invoice.png", "image/png"));

      MessageHistory history = client.loadHistory(TOKEN, RID);
      Attachment image = history.messages().get(0).attachments().get(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long copied;
      try (FileDownload download = client.downloadFile(TOKEN, RID, image.imageUrl())) {
        copied = download.writeTo(out);
      }

      assertThat(copied).isEqualTo(31_877L);
      assertThat(out.toByteArray()).isEqualTo(thumb);
      taken();
      assertDownloadRequest(taken(), "/file-upload/67c6d2b7e1a2f94d3c0b7a13/invoice.png");
    }

    @Test
    void downloadFileKeepsTheBasePathOfTheServerRoot() throws Exception {
      try (LivechatClient based = LivechatClient.builder().baseUrl(server.url("/support/"))
          .retryPolicy(RetryPolicy.none()).build()) {
        server.enqueue(file(new byte[] {1, 2, 3}, "receipt.pdf", "application/pdf"));
        server.enqueue(file(new byte[] {4, 5}, "receipt.pdf", "application/pdf"));

        try (FileDownload byLink = based.downloadFile(TOKEN, RID, "/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf");
            FileDownload byUrl = based.downloadFile(TOKEN, RID,
                server.url("/support/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf").toString())) {
          assertThat(read(byLink.body())).containsExactly(1, 2, 3);
          assertThat(read(byUrl.body())).containsExactly(4, 5);
        }
      }
      assertDownloadRequest(taken(), "/support/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf");
      assertDownloadRequest(taken(), "/support/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf");
    }

    /**
     * A server that signs file links adds {@code ?token=<jwt>} (RC
     * apps/meteor/app/utils/server/functions/normalizeMessageFileUpload.ts, {@code publicFilePath});
     * the query is kept, and the visitor's cookies go with it.
     */
    @Test
    void downloadFileOfAnAbsoluteLinkKeepsItsQuery() throws Exception {
      server.enqueue(file(new byte[] {7}, "receipt.pdf", "application/pdf"));
      String link = server.url("/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf?token=eyJhbGciOiJIUzI1NiJ9.e30.sig")
          .toString();

      try (FileDownload download = client.downloadFile(TOKEN, RID, link)) {
        assertThat(read(download.body())).containsExactly(7);
      }

      assertDownloadRequest(taken(),
          "/file-upload/67c6d2a0e1a2f94d3c0b7a0e/receipt.pdf?token=eyJhbGciOiJIUzI1NiJ9.e30.sig");
    }

    @Test
    void downloadFileEncodesTheNameAndTheCookieValuesAsTheServerDecodesThem() throws Exception {
      server.enqueue(file(new byte[] {1}, "facture d'été.pdf", "application/pdf"));
      String token = "tok;en=é ok";

      try (FileDownload download = client.downloadFile(token, "r 1",
          new FileInfo("67c6d2a0e1a2f94d3c0b7a0e", "facture d'été.pdf", "application/pdf"))) {
        assertThat(download.fileName()).isEqualTo("facture d'été.pdf");
      }

      RecordedRequest request = taken();
      assertThat(request.getUrl().pathSegments())
          .containsExactly("file-upload", "67c6d2a0e1a2f94d3c0b7a0e", "facture d'été.pdf");
      assertThat(request.getHeaders().get("Cookie"))
          .isEqualTo("rc_token=tok%3Ben%3D%C3%A9%20ok; rc_rid=r%201; rc_room_type=l");
    }

    /**
     * The Uploads store's own answer names the file {@code filename="<encodeURIComponent(name)>"}
     * (RC apps/meteor/app/file-upload/server/lib/FileUpload.ts, {@code onRead}); a store may send
     * none.
     */
    @Test
    void fileNameReadsTheQuotedFormAndIsNullWithoutTheHeader() throws Exception {
      server.enqueue(new MockResponse.Builder()
          .addHeader("Content-Disposition", "attachment; filename=\"invoice%202%20(copy).png\"")
          .addHeader("Content-Type", "image/png").body("x").build());
      server.enqueue(new MockResponse.Builder().body("y").build());

      try (FileDownload quoted = client.downloadFile(TOKEN, RID, IMAGE)) {
        assertThat(quoted.fileName()).isEqualTo("invoice 2 (copy).png");
      }
      try (FileDownload none = client.downloadFile(TOKEN, RID, IMAGE)) {
        assertThat(none.fileName()).isNull();
        assertThat(none.contentType()).isNull();
        assertThat(none.contentLength()).isEqualTo(1L);
      }
      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
    }

    @Test
    void downloadFileWithoutANameAsksForItUnderItsId() throws Exception {
      server.enqueue(file(new byte[] {1}, "x", "application/octet-stream"));

      client.downloadFile(TOKEN, RID, new FileInfo("67c6d2a0e1a2f94d3c0b7a0e", null, null)).close();

      assertDownloadRequest(taken(), "/file-upload/67c6d2a0e1a2f94d3c0b7a0e/67c6d2a0e1a2f94d3c0b7a0e");
    }

    @Test
    void conversationDownloadsWithItsTokenAndRoom() throws Exception {
      server.enqueue(file(new byte[] {9}, "invoice.png", "image/png"));

      try (FileDownload download = client.conversation(TOKEN, RID).download(IMAGE)) {
        assertThat(read(download.body())).containsExactly(9);
      }

      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
    }

    @Test
    void aCallersCookieJarKeepsItsCookiesAfterTheVisitorCredentials() throws Exception {
      CookieJar jar = new CookieJar() {
        @Override
        public void saveFromResponse(HttpUrl url, List<Cookie> cookies) {}

        @Override
        public List<Cookie> loadForRequest(HttpUrl url) {
          return List.of(new Cookie.Builder().name("session").value("abc").domain(url.host()).build());
        }
      };
      OkHttpClient callers = new OkHttpClient.Builder().cookieJar(jar).build();
      try (LivechatClient withJar = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(callers).build()) {
        server.enqueue(file(new byte[] {1}, "invoice.png", "image/png"));

        withJar.downloadFile(TOKEN, RID, IMAGE).close();
      } finally {
        callers.dispatcher().executorService().shutdown();
        callers.connectionPool().evictAll();
      }

      assertThat(taken().getHeaders().get("Cookie")).isEqualTo(COOKIES + "; session=abc");
    }
  }

  @Nested
  class Streaming {
    /**
     * The server sends half the file, then waits for the test to read that half through the
     * download: the call returned, and the half arrived, before the rest was sent.
     */
    @Test
    void downloadFileReturnsBeforeTheWholeFileHasArrived() throws Exception {
      CountDownLatch firstHalfRead = new CountDownLatch(1);
      byte[] content = UploadTest.binary(64 * 1024);
      server.enqueue(new MockResponse.Builder()
          .addHeader("Content-Type", "application/octet-stream")
          .body(new HalvesBody(content, firstHalfRead))
          .build());

      try (FileDownload download = client.downloadFile(TOKEN, RID, IMAGE)) {
        InputStream body = download.body();
        // readNBytes(n) ends with a read of 0 bytes, which OkHttp's own stream would hold until
        // the rest arrived: the download's stream answers it at once
        byte[] firstHalf = body.readNBytes(content.length / 2);
        firstHalfRead.countDown();
        byte[] rest = body.readAllBytes();

        assertThat(new okio.Buffer().write(firstHalf).write(rest).readByteString()).isEqualTo(ByteString.of(content));
      } finally {
        firstHalfRead.countDown();
      }
      taken();
    }

    @Test
    void aConnectionCutMidFileFailsTheCopyAsANetworkException() throws Exception {
      server.enqueue(new MockResponse.Builder(file(UploadTest.binary(200_000), "invoice.png", "image/png"))
          .onResponseBody(new SocketEffect.CloseSocket())
          .build());

      FileDownload download = client.downloadFile(TOKEN, RID, IMAGE);
      Throwable thrown = catchThrowable(() -> download.writeTo(OutputStream.nullOutputStream()));

      assertThat(thrown).isInstanceOfSatisfying(LivechatNetworkException.class, e -> {
        assertThat(e.endpoint()).isEqualTo("GET /file-upload/:id/:name");
        assertThat(e.getMessage()).startsWith("Download failed: ").doesNotContain(TOKEN);
      });
      assertThatThrownBy(() -> download.body().read()).as("closed after the copy").isInstanceOf(IOException.class);
      taken();
    }

    @Test
    void aFailingOutputIsAnUncheckedIoExceptionAndClosesTheDownload() throws Exception {
      server.enqueue(file(UploadTest.binary(10), "invoice.png", "image/png"));
      OutputStream broken = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          throw new IOException("disk full");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          throw new IOException("disk full");
        }
      };

      FileDownload download = client.downloadFile(TOKEN, RID, IMAGE);

      assertThatThrownBy(() -> download.writeTo(broken))
          .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk full");
      assertThatThrownBy(() -> download.body().read()).isInstanceOf(IOException.class);
      taken();
    }

    @Test
    void asyncDownloadCompletesWithTheOpenDownload() throws Exception {
      byte[] png = UploadTest.binary(5_000);
      server.enqueue(file(png, "invoice.png", "image/png"));

      CompletableFuture<FileDownload> future = client.async().downloadFile(TOKEN, RID, IMAGE);

      try (FileDownload download = future.get(5, TimeUnit.SECONDS)) {
        assertThat(future.cancel(true)).as("a completed future is not cancelled").isFalse();
        assertThat(read(download.body())).as("nor is the call its download reads").isEqualTo(png);
      }
      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
    }

    @Test
    void asyncDownloadByLinkRefusesABadLinkAtOnce() {
      assertThatThrownBy(() -> client.async().downloadFile(TOKEN, RID, "https://elsewhere.example.com/file-upload/a/b"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(server.getRequestCount()).isZero();
    }
  }

  /** The first half of a body, then (once the test read it) the second. */
  record HalvesBody(byte[] content, CountDownLatch firstHalfRead) implements MockResponseBody {
    @Override
    public long getContentLength() {
      return content.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      int half = content.length / 2;
      sink.write(content, 0, half);
      sink.flush();
      try {
        if (!firstHalfRead.await(5, TimeUnit.SECONDS)) {
          throw new IOException("the client did not read the first half before the rest was sent");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      }
      sink.write(content, half, content.length - half);
    }
  }

  @Nested
  class Refusals {
    @Test
    void forbiddenIsAnApiExceptionWithoutTheToken() throws Exception {
      server.enqueue(refusal(403));

      assertThatThrownBy(() -> client.downloadFile(TOKEN, RID, IMAGE))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.errorCode()).isNull();
            assertThat(e.endpoint()).isEqualTo("GET /file-upload/:id/:name");
            assertThat(e).hasMessage("HTTP 403 (GET /file-upload/:id/:name)");
            assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(IMAGE.id());
          });
      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
    }

    @Test
    void unknownFileIsAnApiExceptionWith404() throws Exception {
      server.enqueue(refusal(404));

      assertThatThrownBy(() -> client.downloadFile(TOKEN, RID, "/file-upload/nope/x.png"))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
      assertDownloadRequest(taken(), "/file-upload/nope/x.png");
    }

    @Test
    void asyncForbiddenCompletesExceptionally() throws Exception {
      server.enqueue(refusal(403));

      Throwable thrown = catchThrowable(() -> client.async().downloadFile(TOKEN, RID, IMAGE).get(5, TimeUnit.SECONDS));

      assertThat(thrown).hasCauseInstanceOf(LivechatApiException.class);
      taken();
    }

    @Test
    void anUnreachableServerIsANetworkException() throws Exception {
      server.close();

      assertThatThrownBy(() -> client.downloadFile(TOKEN, RID, IMAGE))
          .isInstanceOfSatisfying(LivechatNetworkException.class,
              e -> assertThat(e.endpoint()).isEqualTo("GET /file-upload/:id/:name"));
    }
  }

  @Nested
  class Redirects {
    @StartStop final MockWebServer storage = new MockWebServer();

    /** An S3 store that does not proxy answers 302 to a signed storage URL (FileUpload.ts {@code redirectToFile}). */
    @Test
    void aRedirectToAStorageHostCarriesNoCredentials() throws Exception {
      HttpUrl signed = storage.url("/bucket/invoice.png?X-Amz-Signature=abc");
      server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", signed).build());
      byte[] png = UploadTest.binary(1_000);
      storage.enqueue(file(png, "invoice.png", "image/png"));

      try (FileDownload download = client.downloadFile(TOKEN, RID, IMAGE)) {
        assertThat(read(download.body())).isEqualTo(png);
      }

      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
      RecordedRequest atStorage = storage.takeRequest(5, TimeUnit.SECONDS);
      assertThat(atStorage).isNotNull();
      assertThat(atStorage.getTarget()).isEqualTo("/bucket/invoice.png?X-Amz-Signature=abc");
      assertThat(atStorage.getHeaders().get("Cookie")).isNull();
      assertThat(atStorage.getHeaders().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aRedirectWithinTheServerKeepsTheCredentials() throws Exception {
      server.enqueue(new MockResponse.Builder().code(302)
          .addHeader("Location", "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice-2.png").build());
      server.enqueue(file(new byte[] {1}, "invoice.png", "image/png"));

      client.downloadFile(TOKEN, RID, IMAGE).close();

      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice-2.png");
    }
  }

  @Nested
  class Logging {
    final List<String> lines = new CopyOnWriteArrayList<>();

    LivechatClient loggingClient() {
      return LivechatClient.builder().baseUrl(server.url("/")).retryPolicy(RetryPolicy.none())
          .httpLogger(lines::add).build();
    }

    @Test
    void theLogShowsTheCookiesWithoutTheTokenAndNeverTheFile() throws Exception {
      byte[] png = UploadTest.binary(2_000);
      server.enqueue(file(png, "invoice.png", "image/png"));

      try (LivechatClient logging = loggingClient(); FileDownload download = logging.downloadFile(TOKEN, RID, IMAGE)) {
        assertThat(read(download.body())).isEqualTo(png);
      }

      assertDownloadRequest(taken(), "/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png");
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0))
          .startsWith("--> GET " + server.url("/file-upload/67c6d2b6e1a2f94d3c0b7a11/invoice.png"))
          .contains("\nCookie: rc_token=***; rc_rid=" + RID + "; rc_room_type=l (to http://");
      assertThat(lines.get(1)).startsWith("<-- 200 GET ").contains("Content-Type: image/png")
          .endsWith("\n(image/png, 2000 bytes, streamed)");
      assertThat(String.join("\n", lines)).doesNotContain(TOKEN);
    }

    @Test
    void theLogOfARefusalAndOfASignedLinkHoldsNoTokenEither() throws Exception {
      server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "text/plain")
          .body("no access for " + TOKEN).build());
      String signed = server.url("/file-upload/a/b.png?token=eyJhbGciOiJIUzI1NiJ9.e30.sig").toString();

      try (LivechatClient logging = loggingClient()) {
        assertThatThrownBy(() -> logging.downloadFile(TOKEN, RID, signed)).isInstanceOf(LivechatApiException.class);
      }

      taken();
      String log = String.join("\n", lines);
      assertThat(log).contains("<-- 403 GET ", "?token=***", "no access for ***")
          .doesNotContain(TOKEN).doesNotContain("eyJhbGciOiJIUzI1NiJ9.e30.sig");
    }

    @Test
    void anRcTokenCookieSetByACallersInterceptorIsRedactedToo() throws Exception {
      OkHttpClient callers = new OkHttpClient.Builder()
          .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
              .header("Cookie", "theme=dark; rc_token=" + TOKEN + "; rc_uid=u1").build()))
          .build();
      server.enqueue(Fixtures.ok("messages/history-current-server.json"));

      try (LivechatClient logging = LivechatClient.builder().baseUrl(server.url("/")).okHttpClient(callers)
          .retryPolicy(RetryPolicy.none()).httpLogger(lines::add).build()) {
        logging.loadHistory("other-token", RID);
      } finally {
        callers.dispatcher().executorService().shutdown();
        callers.connectionPool().evictAll();
      }

      taken();
      assertThat(lines.get(0)).contains("\nCookie: theme=dark; rc_token=***; rc_uid=u1").doesNotContain(TOKEN);
    }
  }

  static Stream<Arguments> badDownloads() {
    List<Arguments> cases = new ArrayList<>();
    cases.addAll(nullAndBlank("downloadFile(FileInfo)", "token", (c, v) -> c.downloadFile(v, RID, IMAGE)));
    cases.addAll(nullAndBlank("downloadFile(FileInfo)", "roomId", (c, v) -> c.downloadFile(TOKEN, v, IMAGE)));
    cases.add(refused("downloadFile with null file", c -> c.downloadFile(TOKEN, RID, (FileInfo) null),
        NullPointerException.class, "file" + NPE_NULL));
    cases.add(refused("downloadFile of a file with id ..", c -> c.downloadFile(TOKEN, RID, new FileInfo("..", "x", null)),
        IllegalArgumentException.class, "file id must not be '..'"));
    cases.addAll(nullAndBlank("downloadFile(link)", "link", (c, v) -> c.downloadFile(TOKEN, RID, v)));
    cases.addAll(nullAndBlank("downloadFile(link)", "token",
        (c, v) -> c.downloadFile(v, RID, "/file-upload/a/b.png")));
    String notAFile = "link must be a file of this server, /file-upload/<id>/<name>";
    for (String link : List.of("/api/v1/livechat/visitor/x", "/file-upload/a", "/file-upload//b.png",
        "/file-upload/../api/v1/livechat/visitor/x", "/support/file-upload/a/b.png", "/avatar/jane.doe")) {
      cases.add(refused("downloadFile of " + link, c -> c.downloadFile(TOKEN, RID, link),
          IllegalArgumentException.class, notAFile));
    }
    cases.add(refused("downloadFile of another server",
        c -> c.downloadFile(TOKEN, RID, "https://elsewhere.example.com/file-upload/a/b.png?token=jwt"),
        IllegalArgumentException.class, "link points to another server (https://elsewhere.example.com/...)"));
    cases.add(refused("downloadFile of a protocol-relative link",
        c -> c.downloadFile(TOKEN, RID, "//elsewhere.example.com/file-upload/a/b.png"),
        IllegalArgumentException.class, "link is neither a path of this server"));
    cases.add(refused("downloadFile of a relative path without a slash",
        c -> c.downloadFile(TOKEN, RID, "file-upload/a/b.png"),
        IllegalArgumentException.class, "link is neither a path of this server"));
    cases.add(refused("downloadFile of a link with rc_token",
        c -> c.downloadFile(TOKEN, RID, "/file-upload/a/b.png?rc_token=someone-else&rc_rid=r"),
        IllegalArgumentException.class, "link must not carry credentials (rc_token)"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badDownloads")
  void badInputIsRefusedNamingItBeforeAnyRequest(Call call, Class<? extends Throwable> type, String message) {
    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(thrown.getMessage()).doesNotContain("jwt").doesNotContain("someone-else");
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }

  @Test
  void writeToANullStreamIsRefusedWithoutReading() throws Exception {
    server.enqueue(file(new byte[] {1, 2}, "invoice.png", "image/png"));

    try (FileDownload download = client.downloadFile(TOKEN, RID, IMAGE)) {
      assertThatThrownBy(() -> download.writeTo(null))
          .isInstanceOf(NullPointerException.class).hasMessage("out" + NPE_NULL);
      assertThat(read(download.body())).containsExactly(1, 2);
    }
    taken();
  }

  /** {@code encodeURIComponent}, as the FileSystem store writes the name into Content-Disposition. */
  static final class EncodeUriComponent {
    static String encode(String value) {
      StringBuilder out = new StringBuilder();
      for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
          out.append((char) c);
        } else {
          out.append(String.format("%%%02X", c));
        }
      }
      return out.toString();
    }
  }
}
