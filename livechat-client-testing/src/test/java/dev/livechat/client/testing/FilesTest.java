package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Downloading uploaded files as a visitor: {@code GET /file-upload/:id/:name} ({@code
 * apps/meteor/app/file-upload/server/lib/requests.ts}) lets a visitor through {@code
 * FileUpload.requestCanAccessFiles} ({@code apps/meteor/app/file-upload/server/lib/FileUpload.ts}) by
 * {@code rc_room_type=l}, {@code rc_token} and {@code rc_rid} (query, or cookies when the query has no
 * {@code rc_uid}), which the livechat room type's {@code canAccessUploadedFile} ({@code
 * apps/meteor/server/lib/rooms/roomTypes/livechat.ts}) checks with {@code
 * LivechatRooms.findOneByIdAndVisitorToken}: open or closed. Older versions used {@code
 * findOneOpenByRoomIdAndVisitorToken}, so a closed room's files were refused there.
 */
class FilesTest extends FakeServerTestBase {
  private static final ByteString PDF = ByteString.encodeUtf8("%PDF-1.4 receipt");

  /** A download: status, content type, body bytes and the CSP header. */
  record Download(int status, @Nullable String type, ByteString body, @Nullable String csp) {}

  private String upload(String rid) {
    MultipartBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", "receipt.pdf", RequestBody.create(PDF, MediaType.get("application/pdf")))
        .build();
    Answer answer = execute(new Request.Builder().url(server.url().resolve("/api/v1/livechat/upload/" + rid))
        .header("x-visitor-token", TOKEN).post(form).build());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (String) ((Map<?, ?>) answer.json().get("file")).get("_id");
  }

  private Download download(String path, @Nullable String cookie) {
    Request.Builder request = new Request.Builder().url(server.url().resolve(path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try (Response response = HTTP.newCall(request.build()).execute()) {
      return new Download(response.code(), response.header("Content-Type"), response.body().byteString(),
          response.header("Content-Security-Policy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theVisitorDownloadsTheFileWithQueryCredentials() {
    String rid = visitorWithRoom(TOKEN);
    String id = upload(rid);

    Download file = download("/file-upload/" + id + "/receipt.pdf?rc_token=" + TOKEN + "&rc_rid=" + rid
        + "&rc_room_type=l", null);

    assertThat(file).isEqualTo(new Download(200, "application/pdf", PDF, "default-src 'none'"));
  }

  @Test
  void theVisitorDownloadsTheFileWithCookiesAlsoAfterTheRoomClosed() {
    String rid = visitorWithRoom(TOKEN);
    String id = upload(rid);
    post("livechat/room.close", "{\"rid\":\"" + rid + "\",\"token\":\"" + TOKEN + "\"}");

    Download file = download("/file-upload/" + id + "/receipt.pdf",
        "rc_token=" + TOKEN + "; rc_rid=" + rid + "; rc_room_type=l");

    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(PDF);
  }

  @Test
  void anotherVisitorWithTheFilesRoomIsForbidden() {
    String rid = visitorWithRoom(TOKEN);
    String id = upload(rid);
    visitorWithRoom(OTHER_TOKEN);

    Download file = download("/file-upload/" + id + "/receipt.pdf?rc_token=" + OTHER_TOKEN + "&rc_rid=" + rid
        + "&rc_room_type=l", null);

    assertThat(file).isEqualTo(new Download(403, null, ByteString.EMPTY, null));
  }

  @Test
  void noCredentialsIsForbiddenAndAnUnknownFileIsNotFound() {
    String rid = visitorWithRoom(TOKEN);
    String id = upload(rid);

    assertThat(download("/file-upload/" + id + "/receipt.pdf", null).status()).isEqualTo(403);
    assertThat(download("/file-upload/" + id + "/receipt.pdf?rc_token=" + TOKEN + "&rc_rid=" + rid, null).status())
        .as("without rc_room_type=l").isEqualTo(403);
    assertThat(download("/file-upload/nope/receipt.pdf?rc_token=" + TOKEN + "&rc_rid=" + rid + "&rc_room_type=l",
        null)).isEqualTo(new Download(404, null, ByteString.EMPTY, null));
  }

  /** A message of several files: {@code file} is the first, {@code files[]} lists each, one attachment each. */
  @Test
  void aMessageWithSeveralFilesCarriesFilesAndEachCanBeDownloaded() {
    String rid = visitorWithRoom(TOKEN);
    server.agent("agent.smith").sendFiles(rid, List.of(
        new NewFile("invoice.pdf", "application/pdf", PDF),
        new NewFile("photo.png", "image/png", ByteString.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'))));

    List<?> history = (List<?>) get("livechat/messages.history/" + rid + "?token=" + TOKEN).json().get("messages");
    Map<?, ?> message = (Map<?, ?>) history.get(0);
    List<?> files = (List<?>) message.get("files");
    assertThat(files.stream().map(f -> (Object) ((Map<?, ?>) f).get("name")).toList())
        .containsExactly("invoice.pdf", "photo.png");
    assertThat(((Map<?, ?>) message.get("file")).get("name")).isEqualTo("invoice.pdf");
    assertThat((List<?>) message.get("attachments")).hasSize(2);
    for (Object f : files) {
      Map<?, ?> file = (Map<?, ?>) f;
      Download download = download("/file-upload/" + file.get("_id") + "/" + file.get("name") + "?rc_token=" + TOKEN
          + "&rc_rid=" + rid + "&rc_room_type=l", null);
      assertThat(download.status()).isEqualTo(200);
      assertThat(download.type()).isEqualTo(file.get("type"));
    }
  }
}
