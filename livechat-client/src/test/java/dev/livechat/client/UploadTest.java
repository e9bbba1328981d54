package dev.livechat.client;

import static dev.livechat.client.BadInputTest.NPE_NULL;
import static dev.livechat.client.BadInputTest.dotSegments;
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
import dev.livechat.client.model.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uploading a file into a room (reference §1 row 24): the multipart request as the server reads it,
 * the documented answer (uploads/upload.json, verbatim from §5), progress, streaming, the
 * documented refusals, and bad input.
 */
class UploadTest extends ClientTestBase {
  static final String TOKEN = "932a1c3019aeeaa9b687bb04b979d";
  static final String RID = "cbjQCtywHbuTYzmLx";
  private static final String SECRET = "SECRET-TOKEN-123";
  private static final int CHUNK = 8192;

  /** A directory, for the bad-input case of a path that is no file. */
  @TempDir static Path sharedDir;

  /**
   * The message of uploads/upload.json. Its attachment's {@code ts} is the epoch, as the example
   * says; a file attachment's time means nothing, a quote's is the quoted message's.
   */
  static final Message DOCUMENTED = new Message(
      "CeswhhAKTQMsnEbc8", RID, "", null, TOKEN, "James",
      new User("6410766605957d866e0fcf37", "guest-3", "James"),
      Instant.parse("2023-03-21T16:21:39.131Z"), Instant.parse("2023-03-21T16:21:39.173Z"), null, null,
      new FileInfo("uredcLri4GdehDQnD", "globe.png", "image/png"),
      List.of(new Attachment("file", "globe.png", "/file-upload/uredcLri4GdehDQnD/globe.png", "Here is the file",
          "/file-upload/uredcLri4GdehDQnD/globe.png", "image/png", 562975L, null, null, null, Instant.EPOCH,
          List.of())));

  /** Every byte value, and the multipart delimiters, so that nothing but the boundary ends a part. */
  static byte[] binary(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 7 + (i >>> 8));
    }
    byte[] tricky = "\r\n--\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(tricky, 0, bytes, length / 2, Math.min(tricky.length, length - length / 2));
    return bytes;
  }

  /** One part of a recorded multipart body: its headers and its content. */
  record Part(Headers headers, ByteString body) {}

  /**
   * The parts of a recorded {@code multipart/form-data} request, read with OkHttp's {@link
   * MultipartReader} and the boundary of the request's Content-Type.
   */
  static List<Part> parts(RecordedRequest request) throws IOException {
    String contentType = request.getHeaders().get("Content-Type");
    assertThat(contentType).matches("multipart/form-data; boundary=[0-9A-Za-z'()+_,./:=?-]{1,70}");
    String boundary = MediaType.get(contentType).parameter("boundary");
    List<Part> parts = new ArrayList<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
      for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
        try (MultipartReader.Part part = next) {
          parts.add(new Part(part.headers(), part.body().readByteString()));
        }
      }
    }
    return parts;
  }

  /** The headers of the {@code description} part: a plain form field. */
  static Headers descriptionHeaders() {
    return Headers.of("Content-Disposition", "form-data; name=\"description\"");
  }

  /** The headers of the {@code file} part; OkHttp 5 writes no Content-Length per part. */
  static Headers fileHeaders(String fileName, String mediaType) {
    return Headers.of(
        "Content-Disposition", "form-data; name=\"file\"; filename=\"" + fileName + "\"",
        "Content-Type", mediaType);
  }

  /** Asserts the request line and the headers every upload carries. */
  static void assertUploadRequest(RecordedRequest request, String token, String rid) {
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/upload/" + rid);
    assertThat(request.getHeaders().get("x-visitor-token")).isEqualTo(token);
    assertThat(request.getHeaders().values("x-visitor-token")).hasSize(1);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    assertThat(request.getHeaders().get("Content-Length")).isEqualTo(Long.toString(request.getBodySize()));
  }

  @Nested
  class Requests {
    @Test
    void uploadFromBytesPostsTheDescriptionAndTheFileWithTheTokenInAHeader() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] png = binary(1000);

      client.uploadFile(TOKEN, RID, FileUpload.of(png, "globe.png", "image/png").withDescription("Here is the file"));

      RecordedRequest request = taken();
      assertUploadRequest(request, TOKEN, RID);
      assertThat(request.getUrl().querySize()).as("the token is not in the URL").isZero();
      List<Part> parts = parts(request);
      assertThat(parts).hasSize(2);
      assertThat(parts.get(0).headers()).isEqualTo(descriptionHeaders());
      assertThat(parts.get(0).body().utf8()).isEqualTo("Here is the file");
      assertThat(parts.get(1).headers()).isEqualTo(fileHeaders("globe.png", "image/png"));
      assertThat(parts.get(1).body()).isEqualTo(ByteString.of(png));
    }

    @Test
    void uploadWithoutDescriptionSendsOnlyTheFilePart() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] png = binary(300);

      client.uploadFile(TOKEN, RID, FileUpload.of(png, "globe.png", "image/png"));

      RecordedRequest request = taken();
      assertUploadRequest(request, TOKEN, RID);
      List<Part> parts = parts(request);
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers()).isEqualTo(fileHeaders("globe.png", "image/png"));
      assertThat(parts.get(0).body()).isEqualTo(ByteString.of(png));
    }

    @Test
    void uploadFromAPathSendsTheFileNamedAfterIt(@TempDir Path dir) throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] pdf = binary(12_345);
      Path file = Files.write(dir.resolve("receipt.pdf"), pdf);

      client.uploadFile(TOKEN, RID, FileUpload.of(file, "application/pdf").withDescription("My receipt"));

      RecordedRequest request = taken();
      assertUploadRequest(request, TOKEN, RID);
      List<Part> parts = parts(request);
      assertThat(parts).hasSize(2);
      assertThat(parts.get(0).headers()).isEqualTo(descriptionHeaders());
      assertThat(parts.get(0).body().utf8()).isEqualTo("My receipt");
      assertThat(parts.get(1).headers()).isEqualTo(fileHeaders("receipt.pdf", "application/pdf"));
      assertThat(parts.get(1).body()).isEqualTo(ByteString.of(pdf));
    }

    @Test
    void uploadFromAnInputStreamSendsItsBytesAndClosesIt() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] text = "Hello, agent!\nLine two: äöü €\n".getBytes(StandardCharsets.UTF_8);
      CloseTracking stream = new CloseTracking(new ByteArrayInputStream(text));

      client.uploadFile(TOKEN, RID, FileUpload.of(stream, text.length, "notes.txt", "text/plain; charset=utf-8"));

      RecordedRequest request = taken();
      assertUploadRequest(request, TOKEN, RID);
      List<Part> parts = parts(request);
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers()).isEqualTo(fileHeaders("notes.txt", "text/plain; charset=utf-8"));
      assertThat(parts.get(0).body()).isEqualTo(ByteString.of(text));
      assertThat(stream.closed).as("stream closed after the upload").isTrue();
    }

    @Test
    void uploadFromAnInputStreamSendsOnlyTheDeclaredLength() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] bytes = binary(500);

      client.uploadFile(TOKEN, RID, FileUpload.of(new ByteArrayInputStream(bytes), 200, "part.bin",
          "application/octet-stream"));

      List<Part> parts = parts(taken());
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers()).isEqualTo(fileHeaders("part.bin", "application/octet-stream"));
      assertThat(parts.get(0).body()).isEqualTo(ByteString.of(bytes, 0, 200));
    }

    @Test
    void uploadOfAnEmptyFileSendsAnEmptyFilePart() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      client.uploadFile(TOKEN, RID, FileUpload.of(new byte[0], "empty.txt", "text/plain"));

      List<Part> parts = parts(taken());
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers()).isEqualTo(fileHeaders("empty.txt", "text/plain"));
      assertThat(parts.get(0).body()).isEqualTo(ByteString.EMPTY);
    }

    @Test
    void uploadFromAPathCanBeSentTwice(@TempDir Path dir) throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] png = binary(20_000);
      FileUpload upload = FileUpload.of(Files.write(dir.resolve("globe.png"), png), "image/png");

      client.uploadFile(TOKEN, RID, upload);
      client.uploadFile(TOKEN, RID, upload);

      assertThat(upload.repeatable()).isTrue();
      assertThat(parts(taken()).get(0).body()).isEqualTo(ByteString.of(png));
      assertThat(parts(taken()).get(0).body()).isEqualTo(ByteString.of(png));
    }

    @Test
    void uploadFromBytesCanBeSentTwice() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      byte[] png = binary(20_000);
      FileUpload upload = FileUpload.of(png, "globe.png", "image/png");

      client.uploadFile(TOKEN, RID, upload);
      client.uploadFile(TOKEN, RID, upload);

      assertThat(upload.repeatable()).isTrue();
      assertThat(parts(taken()).get(0).body()).isEqualTo(ByteString.of(png));
      assertThat(parts(taken()).get(0).body()).isEqualTo(ByteString.of(png));
    }

    @Test
    void uploadFromAStreamIsNotRepeatable() {
      assertThat(FileUpload.of(new ByteArrayInputStream(new byte[1]), 1, "a.bin", "application/octet-stream")
          .repeatable()).isFalse();
    }

    @Test
    void uploadEncodesTheRoomIdAsOnePathSegment() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      client.uploadFile(TOKEN, "a/b?c", FileUpload.of(binary(10), "a.bin", "application/octet-stream"));

      RecordedRequest request = taken();
      assertThat(request.getTarget()).isEqualTo("/api/v1/livechat/upload/a%2Fb%3Fc");
      assertThat(request.getUrl().pathSegments()).containsExactly("api", "v1", "livechat", "upload", "a/b?c");
    }

    @Test
    void uploadQuotesAFileNameSoItCannotBreakItsHeader() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      client.uploadFile(TOKEN, RID, FileUpload.of(binary(10), "my \"best\"\r\nX-Evil: 1.png", "image/png"));

      List<Part> parts = parts(taken());
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers())
          .isEqualTo(fileHeaders("my %22best%22%0D%0AX-Evil: 1.png", "image/png"));
    }

    @Test
    void uploadSendsANonAsciiFileNameAsUtf8() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      client.uploadFile(TOKEN, RID, FileUpload.of(binary(10), "Übersicht €.pdf", "application/pdf"));

      RecordedRequest request = taken();
      assertThat(request.getBody().indexOf(ByteString.encodeUtf8("filename=\"Übersicht €.pdf\""))).isPositive();
      assertThat(parts(request).get(0).headers().get("Content-Disposition"))
          .isEqualTo("form-data; name=\"file\"; filename=\"Übersicht €.pdf\"");
    }
  }

  @Nested
  class Answer {
    @Test
    void uploadReadsTheDocumentedMessageWithItsFileAndAttachment() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      Message message = client.uploadFile(TOKEN, RID,
          FileUpload.of(binary(100), "globe.png", "image/png").withDescription("Here is the file"));

      assertThat(message).isEqualTo(DOCUMENTED);
      taken();
    }

    @Test
    void uploadReadsEveryComponentOfTheFileAndAttachment() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      Message message = client.uploadFile(TOKEN, RID, FileUpload.of(binary(100), "globe.png", "image/png"));

      assertThat(message.id()).isEqualTo("CeswhhAKTQMsnEbc8");
      assertThat(message.roomId()).isEqualTo(RID);
      assertThat(message.text()).isEmpty();
      assertThat(message.type()).isNull();
      assertThat(message.alias()).isEqualTo("James");
      assertThat(message.file()).isEqualTo(new FileInfo("uredcLri4GdehDQnD", "globe.png", "image/png"));
      assertThat(message.attachments()).hasSize(1);
      Attachment attachment = message.attachments().get(0);
      assertThat(attachment.type()).isEqualTo("file");
      assertThat(attachment.title()).isEqualTo("globe.png");
      assertThat(attachment.titleLink()).isEqualTo("/file-upload/uredcLri4GdehDQnD/globe.png");
      assertThat(attachment.description()).isEqualTo("Here is the file");
      assertThat(attachment.imageUrl()).isEqualTo("/file-upload/uredcLri4GdehDQnD/globe.png");
      assertThat(attachment.imageType()).isEqualTo("image/png");
      assertThat(attachment.imageSize()).isEqualTo(562975L);
      taken();
    }

    @Test
    void uploadedMessageNeverPrintsTheVisitorToken() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));

      Message message = client.uploadFile(TOKEN, RID, FileUpload.of(binary(100), "globe.png", "image/png"));

      assertThat(message.token()).isEqualTo(TOKEN);
      assertThat(message.toString()).doesNotContain(TOKEN).contains("token=***");
      taken();
    }
  }

  @Nested
  class Progress {
    @Test
    void progressOfA20000ByteUploadRisesInStepsOfAtMost8KiBToTheTotal() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      List<long[]> reports = new CopyOnWriteArrayList<>();

      client.uploadFile(TOKEN, RID, FileUpload.of(binary(20_000), "globe.png", "image/png")
          .withProgress((sent, total) -> reports.add(new long[] {sent, total})));

      assertSteadyProgress(reports, 20_000);
      taken();
    }

    @Test
    void progressOfAPathUploadRisesToTheFileSize(@TempDir Path dir) throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      Path file = Files.write(dir.resolve("globe.png"), binary(20_000));
      List<long[]> reports = new CopyOnWriteArrayList<>();

      client.uploadFile(TOKEN, RID, FileUpload.of(file, "image/png")
          .withProgress((sent, total) -> reports.add(new long[] {sent, total})));

      assertSteadyProgress(reports, 20_000);
      taken();
    }

    @Test
    void progressOfAStreamUploadRisesToTheDeclaredLength() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      List<long[]> reports = new CopyOnWriteArrayList<>();

      client.uploadFile(TOKEN, RID, FileUpload.of(new ByteArrayInputStream(binary(20_000)), 20_000, "globe.png",
          "image/png").withProgress((sent, total) -> reports.add(new long[] {sent, total})));

      assertSteadyProgress(reports, 20_000);
      taken();
    }

    @Test
    void progressOfAnEmptyUploadReportsZeroOfZeroOnce() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      List<long[]> reports = new CopyOnWriteArrayList<>();

      client.uploadFile(TOKEN, RID, FileUpload.of(new byte[0], "empty.txt", "text/plain")
          .withProgress((sent, total) -> reports.add(new long[] {sent, total})));

      assertThat(reports).containsExactly(new long[] {0, 0});
      taken();
    }

    @Test
    void progressIsReportedOnTheCallingThread() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      List<Thread> threads = new CopyOnWriteArrayList<>();

      client.uploadFile(TOKEN, RID, FileUpload.of(binary(20_000), "globe.png", "image/png")
          .withProgress((sent, total) -> threads.add(Thread.currentThread())));

      assertThat(threads).isNotEmpty().containsOnly(Thread.currentThread());
      taken();
    }

    private void assertSteadyProgress(List<long[]> reports, long total) {
      assertThat(reports).isNotEmpty();
      assertThat(reports.get(reports.size() - 1)).containsExactly(total, total);
      long previous = 0;
      for (long[] report : reports) {
        assertThat(report[1]).as("total").isEqualTo(total);
        assertThat(report[0]).as("sent rises").isGreaterThan(previous);
        assertThat(report[0] - previous).as("step").isLessThanOrEqualTo(CHUNK);
        previous = report[0];
      }
    }
  }

  @Nested
  class Streaming {
    @Test
    void aStreamThatEndsEarlyFailsWithANetworkExceptionAndReportsOnlyWhatItSent() throws Exception {
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      List<long[]> reports = new CopyOnWriteArrayList<>();
      CloseTracking stream = new CloseTracking(new ByteArrayInputStream(binary(10)));

      Throwable thrown = catchThrowable(() -> client.uploadFile(SECRET, RID,
          FileUpload.of(stream, 100, "short.bin", "application/octet-stream")
              .withProgress((sent, total) -> reports.add(new long[] {sent, total}))));

      assertThat(thrown).isInstanceOfSatisfying(LivechatNetworkException.class, e -> {
        assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/upload/:rid");
        assertThat(e.getMessage()).contains("10 of 100 bytes").doesNotContain(SECRET).doesNotContain(RID);
        assertThat(e.getCause()).isInstanceOf(IOException.class);
      });
      assertThat(reports).allSatisfy(report -> {
        assertThat(report[0]).isLessThanOrEqualTo(10);
        assertThat(report[1]).isEqualTo(100);
      });
      assertThat(stream.closed).as("stream closed after the failure").isTrue();
    }

    @Test
    void a50MegabyteStreamIsSentChunkByChunkWithoutBeingReadIntoMemory() throws Exception {
      long length = 50L * 1024 * 1024;
      server.setBodyLimit(0); // the server counts the body without keeping it
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      GeneratedStream stream = new GeneratedStream(length);
      long[] aheadOfProgress = {0};
      long[] last = {0, 0};
      int[] reportCount = {0};

      Message message = client.uploadFile(TOKEN, RID, FileUpload.of(stream, length, "big.bin",
          "application/octet-stream").withProgress((sent, total) -> {
            aheadOfProgress[0] = Math.max(aheadOfProgress[0], stream.position - sent);
            last[0] = sent;
            last[1] = total;
            reportCount[0]++;
          }));

      assertThat(message.id()).isEqualTo("CeswhhAKTQMsnEbc8");
      RecordedRequest request = taken();
      assertUploadRequest(request, TOKEN, RID);
      assertThat(request.getBodySize()).isBetween(length, length + 1024);
      assertThat(stream.position).as("bytes read from the stream").isEqualTo(length);
      assertThat(stream.largestRead).as("largest single read").isLessThanOrEqualTo(CHUNK);
      assertThat(aheadOfProgress[0]).as("bytes read but not yet sent, at most one chunk")
          .isLessThanOrEqualTo(CHUNK);
      assertThat(last).containsExactly(length, length);
      assertThat(reportCount[0]).isGreaterThanOrEqualTo((int) (length / CHUNK));
      assertThat(stream.closed).isTrue();
    }

    @Test
    void an8MegabyteGeneratedStreamArrivesByteForByte() throws Exception {
      int length = 8 * 1024 * 1024;
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      GeneratedStream stream = new GeneratedStream(length);

      client.uploadFile(TOKEN, RID, FileUpload.of(stream, length, "big.bin", "application/octet-stream"));

      List<Part> parts = parts(taken());
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers()).isEqualTo(fileHeaders("big.bin", "application/octet-stream"));
      byte[] expected = new byte[length];
      new GeneratedStream(length).read(expected, 0, length);
      assertThat(parts.get(0).body()).isEqualTo(ByteString.of(expected));
      assertThat(stream.largestRead).isLessThanOrEqualTo(CHUNK);
    }

    @Test
    void an8MegabyteFileArrivesByteForByte(@TempDir Path dir) throws Exception {
      int length = 8 * 1024 * 1024;
      server.enqueue(Fixtures.ok("uploads/upload.json"));
      Path file = dir.resolve("big.bin");
      try (OutputStream out = Files.newOutputStream(file)) {
        new GeneratedStream(length).transferAllTo(out);
      }

      client.uploadFile(TOKEN, RID, FileUpload.of(file, "application/octet-stream"));

      List<Part> parts = parts(taken());
      assertThat(parts).hasSize(1);
      assertThat(parts.get(0).headers()).isEqualTo(fileHeaders("big.bin", "application/octet-stream"));
      assertThat(parts.get(0).body()).isEqualTo(ByteString.of(Files.readAllBytes(file)));
    }
  }

  @Nested
  class Errors {
    @Test
    void uploadWithAnUnknownTokenThrows403UnauthorizedWithoutPrintingTheToken() throws Exception {
      server.enqueue(Fixtures.answer(403, "uploads/upload-error-unauthorized.json"));

      assertThatThrownBy(() -> client.uploadFile(SECRET, RID, FileUpload.of(binary(100), "globe.png", "image/png")))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.errorCode()).isEqualTo("unauthorized");
            assertThat(e.serverText()).isEqualTo("unauthorized");
            assertThat(e.endpoint()).isEqualTo("POST /api/v1/livechat/upload/:rid");
            assertThat(e).hasMessage("HTTP 403 unauthorized (POST /api/v1/livechat/upload/:rid)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      assertThat(taken().getHeaders().get("x-visitor-token")).isEqualTo(SECRET);
    }

    @Test
    void uploadOfAForbiddenTypeThrowsTheReasonAsErrorCode() throws Exception {
      server.enqueue(Fixtures.answer(400, "uploads/upload-error-type-not-allowed.json"));

      assertThatThrownBy(() -> client.uploadFile(SECRET, RID,
          FileUpload.of(binary(100), "setup.exe", "application/x-msdownload")))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("error-type-not-allowed");
            assertThat(e).hasMessage("HTTP 400 error-type-not-allowed (POST /api/v1/livechat/upload/:rid)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }

    @Test
    void uploadOfATooLargeFileOnA7xServerThrowsTheReasonAsErrorCode() throws Exception {
      server.enqueue(Fixtures.answer(400, "uploads/upload-error-size-not-allowed-7x.json"));

      assertThatThrownBy(() -> client.uploadFile(SECRET, RID, FileUpload.of(binary(100), "globe.png", "image/png")))
          .isInstanceOfSatisfying(LivechatApiException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("error-size-not-allowed");
            assertThat(e).hasMessage("HTTP 400 error-size-not-allowed (POST /api/v1/livechat/upload/:rid)");
            assertThat(e.getMessage()).doesNotContain(SECRET);
          });
      taken();
    }
  }

  static Stream<Arguments> badUploads() {
    byte[] bytes = {1, 2, 3};
    FileUpload file = FileUpload.of(bytes, "a.bin", "application/octet-stream");
    List<Arguments> cases = new ArrayList<>();

    cases.addAll(nullAndBlank("uploadFile", "token", (c, v) -> c.uploadFile(v, "room1", file)));
    cases.addAll(nullAndBlank("uploadFile", "roomId", (c, v) -> c.uploadFile("tok", v, file)));
    cases.addAll(dotSegments("uploadFile", "roomId", (c, v) -> c.uploadFile("tok", v, file)));
    cases.add(refused("uploadFile with null file", c -> c.uploadFile("tok", "room1", null),
        NullPointerException.class, "file" + NPE_NULL));

    cases.add(refused("FileUpload.of with null bytes",
        c -> c.uploadFile("tok", "room1", FileUpload.of((byte[]) null, "a.bin", "application/octet-stream")),
        NullPointerException.class, "bytes" + NPE_NULL));
    cases.addAll(nullAndBlank("FileUpload.of bytes", "fileName",
        (c, v) -> c.uploadFile("tok", "room1", FileUpload.of(bytes, v, "image/png"))));
    cases.addAll(nullAndBlank("FileUpload.of bytes", "mediaType",
        (c, v) -> c.uploadFile("tok", "room1", FileUpload.of(bytes, "a.png", v))));
    cases.add(refused("FileUpload.of bytes with mediaType 'not a type'",
        c -> c.uploadFile("tok", "room1", FileUpload.of(bytes, "a.png", "not a type")),
        IllegalArgumentException.class, "mediaType is not a media type: not a type"));

    cases.add(refused("FileUpload.of with null path",
        c -> c.uploadFile("tok", "room1", FileUpload.of((Path) null, "image/png")),
        NullPointerException.class, "path" + NPE_NULL));
    cases.addAll(nullAndBlank("FileUpload.of path", "mediaType",
        (c, v) -> c.uploadFile("tok", "room1", FileUpload.of(sharedDir, v))));
    cases.add(refused("FileUpload.of path with mediaType 'not a type'",
        c -> c.uploadFile("tok", "room1", FileUpload.of(sharedDir, "not a type")),
        IllegalArgumentException.class, "mediaType is not a media type: not a type"));
    cases.add(refused("FileUpload.of with a directory",
        c -> c.uploadFile("tok", "room1", FileUpload.of(sharedDir, "image/png")),
        IllegalArgumentException.class, "path is not a regular file"));
    cases.add(refused("FileUpload.of with a missing file",
        c -> c.uploadFile("tok", "room1", FileUpload.of(sharedDir.resolve("missing.png"), "image/png")),
        IllegalArgumentException.class, "path is not a regular file"));

    cases.add(refused("FileUpload.of with null stream",
        c -> c.uploadFile("tok", "room1", FileUpload.of((InputStream) null, 3, "a.bin", "application/octet-stream")),
        NullPointerException.class, "stream" + NPE_NULL));
    cases.add(refused("FileUpload.of stream with negative length",
        c -> c.uploadFile("tok", "room1",
            FileUpload.of(new ByteArrayInputStream(bytes), -1, "a.bin", "application/octet-stream")),
        IllegalArgumentException.class, "length must not be negative, was -1"));
    cases.addAll(nullAndBlank("FileUpload.of stream", "fileName",
        (c, v) -> c.uploadFile("tok", "room1", FileUpload.of(new ByteArrayInputStream(bytes), 3, v, "image/png"))));
    cases.addAll(nullAndBlank("FileUpload.of stream", "mediaType",
        (c, v) -> c.uploadFile("tok", "room1", FileUpload.of(new ByteArrayInputStream(bytes), 3, "a.png", v))));
    cases.add(refused("FileUpload.of stream with mediaType 'not a type'",
        c -> c.uploadFile("tok", "room1", FileUpload.of(new ByteArrayInputStream(bytes), 3, "a.png", "not a type")),
        IllegalArgumentException.class, "mediaType is not a media type: not a type"));

    cases.addAll(nullAndBlank("FileUpload.withDescription", "description",
        (c, v) -> c.uploadFile("tok", "room1", file.withDescription(v))));
    cases.add(refused("FileUpload.withProgress(null)", c -> c.uploadFile("tok", "room1", file.withProgress(null)),
        NullPointerException.class, "progress" + NPE_NULL));

    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badUploads")
  void badInputIsRefusedNamingTheArgumentBeforeAnyRequest(
      Call call, Class<? extends Throwable> type, String message) {
    server.enqueue(Fixtures.ok("uploads/upload.json"));

    Throwable thrown = catchThrowable(() -> call.call(client));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(message);
    assertThat(server.getRequestCount()).as("requests sent").isZero();
  }

  /** A stream that remembers being closed. */
  static final class CloseTracking extends InputStream {
    private final InputStream in;
    volatile boolean closed;

    CloseTracking(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      in.close();
    }
  }

  /**
   * {@code length} bytes computed from their position as they are read, never held anywhere: an
   * SDK that needed the whole content in memory would have to call {@link #readAllBytes()} or
   * gather the reads itself, and its reads would run ahead of its progress.
   */
  static final class GeneratedStream extends InputStream {
    private final long length;
    volatile long position;
    volatile int largestRead;
    volatile boolean closed;

    GeneratedStream(long length) {
      this.length = length;
    }

    static byte at(long position) {
      return (byte) (position * 31 + (position >>> 11));
    }

    @Override
    public int read() {
      if (position >= length) {
        return -1;
      }
      return at(position++) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - position);
      largestRead = Math.max(largestRead, n);
      for (int i = 0; i < n; i++) {
        b[off + i] = at(position + i);
      }
      position += n;
      return n;
    }

    @Override
    public byte[] readAllBytes() {
      throw new AssertionError("the SDK must not read the whole stream into memory");
    }

    @Override
    public byte[] readNBytes(int len) {
      throw new AssertionError("the SDK must not read the whole stream into memory");
    }

    @Override
    public long transferTo(OutputStream out) {
      throw new AssertionError("the SDK must stream chunk by chunk, not transfer the whole stream");
    }

    /** Writes the whole content to {@code out}; for the test itself. */
    void transferAllTo(OutputStream out) throws IOException {
      byte[] buffer = new byte[CHUNK];
      for (int n = read(buffer, 0, buffer.length); n != -1; n = read(buffer, 0, buffer.length)) {
        out.write(buffer, 0, n);
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
