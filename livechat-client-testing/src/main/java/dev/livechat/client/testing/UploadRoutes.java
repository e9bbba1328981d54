package dev.livechat.client.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The upload route (reference §1 row 24), as the server's {@code upload.ts} in {@code
 * apps/meteor/server/api/v1/omnichannel/}.
 */
final class UploadRoutes extends Routes {
  private static final Pattern DISPOSITION_NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern DISPOSITION_FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  UploadRoutes(Store store) {
    super(store);
  }

  @Override
  void addTo(RestRouter router) {
    RateLimiter.Limit def = RateLimiter.Limit.DEFAULT;
    RateLimiter.Limit fivePerMinute = new RateLimiter.Limit(5, 60_000);
    router.add("POST", "livechat/upload/:rid", def, this::upload);
  }

  /**
   * 24. {@code POST livechat/upload/:rid}: multipart {@code file} (and {@code description}), the token
   * in {@code x-visitor-token}; answers with the file's message at the top level.
   */
  private Map<String, Object> upload(Call call) {
    RecordedRequest request = call.request();
    String token = request.getHeaders().get("x-visitor-token");
    if (token == null || token.isEmpty()) {
      throw Refusal.forbidden();
    }
    if (!(settings().fileUpload() && settings().livechatFileUpload())) {
      throw Refusal.reason("error-file-upload-disabled");
    }
    StoredVisitor visitor = store.visitor(token);
    if (visitor == null) {
      throw Refusal.forbidden();
    }
    StoredRoom room = store.room(call.param("rid"));
    if (room == null || !room.open || !room.visitor.token.equals(token)) {
      throw Refusal.forbidden();
    }
    Multipart form = Multipart.read(request);
    if (form.file == null) {
      throw Refusal.reason("error-no-file-uploaded");
    }
    MediaType fileType = MediaType.parse(form.fileType);
    if (fileType != null && (fileType.type() + "/" + fileType.subtype()).equals("image/svg+xml")) {
      // FileUpload_MediaTypeBlackList's default
      throw Refusal.reason("error-type-not-allowed");
    }
    Instant now = store.now();
    String messageId = Ids.random();
    UploadedFile file = new UploadedFile(Ids.random(), room.id, messageId, form.fileName, form.fileType,
        form.description, form.file, now);
    store.uploads.add(file);
    StoredMessage message = new StoredMessage(messageId, room.id, "", null, token, visitor.name, visitor.author(), now);
    message.file = file;
    store.add(room, message);
    Map<String, Object> answer = message.toJson();
    answer.put("newRoom", false);
    answer.put("showConnecting", false);
    return answer;
  }

  /** The parts of a {@code multipart/form-data} upload the server reads. */
  private static final class Multipart {
    @Nullable ByteString file;
    String fileName = "";
    String fileType = "application/octet-stream";
    @Nullable String description;

    static Multipart read(RecordedRequest request) {
      Multipart form = new Multipart();
      MediaType type = MediaType.parse(String.valueOf(request.getHeaders().get("Content-Type")));
      ByteString body = request.getBody();
      String boundary = type == null ? null : type.parameter("boundary");
      if (body == null || boundary == null || !type.subtype().equals("form-data")) {
        return form;
      }
      try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
        MultipartReader.Part part;
        while ((part = reader.nextPart()) != null) {
          try (MultipartReader.Part current = part) {
            String disposition = String.valueOf(current.headers().get("Content-Disposition"));
            Matcher name = DISPOSITION_NAME.matcher(disposition);
            ByteString bytes = current.body().readByteString();
            if (!name.find()) {
              continue;
            }
            if (name.group(1).equals("file") && form.file == null) {
              Matcher fileName = DISPOSITION_FILENAME.matcher(disposition);
              form.file = bytes;
              form.fileName = fileName.find() ? fileName.group(1) : "";
              String contentType = current.headers().get("Content-Type");
              if (contentType != null) {
                form.fileType = contentType;
              }
            } else if (name.group(1).equals("description")) {
              form.description = bytes.utf8();
            }
          }
        }
      } catch (IOException malformed) {
        // What was read is kept: a cut-off form may still have carried its file.
      }
      return form;
    }
  }
}
