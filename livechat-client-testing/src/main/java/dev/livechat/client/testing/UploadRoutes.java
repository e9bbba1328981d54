package dev.livechat.client.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
    router.addRaw("GET", "file-upload/:id/:name", this::download);
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
    if (room == null || !room.open || !room.openedWith(token)) {
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
    message.files = List.of(file);
    store.add(room, message);
    Map<String, Object> answer = message.toJson();
    answer.put("newRoom", false);
    answer.put("showConnecting", false);
    return answer;
  }

  /**
   * {@code GET /file-upload/:id/:name}: the file, to whoever {@code FileUpload.requestCanAccessFiles}
   * lets through ({@code apps/meteor/app/file-upload/server/lib/FileUpload.ts}, with {@code
   * FileUpload_ProtectFiles} on, its default). A visitor is let through by {@code rc_room_type=l},
   * {@code rc_token} and {@code rc_rid}, from the query, or from cookies when the query has no
   * {@code rc_uid}; the livechat room type's {@code canAccessUploadedFile} then wants a room {@code
   * rc_rid} of visitor {@code rc_token}, open or closed ({@code LivechatRooms.findOneByIdAndVisitorToken}).
   * As on the server, that room need not be the file's. Otherwise 403, and 404 for an unknown id,
   * both with empty bodies ({@code apps/meteor/app/file-upload/server/lib/requests.ts}).
   */
  private RestRouter.Reply download(Call call) {
    UploadedFile file = store.upload(call.param("id"));
    if (file == null) {
      return RestRouter.Reply.empty(404);
    }
    Map<String, Object> query = call.query();
    String uid = string(query, "rc_uid");
    String token = string(query, "rc_token");
    String rid = string(query, "rc_rid");
    String roomType = string(query, "rc_room_type");
    String cookieHeader = call.header("Cookie");
    if ((uid == null || uid.isEmpty()) && cookieHeader != null) {
      Map<String, String> cookies = cookies(cookieHeader);
      token = cookies.get("rc_token");
      rid = cookies.get("rc_rid");
      roomType = cookies.get("rc_room_type");
    }
    StoredRoom room = rid == null || rid.isEmpty() ? null : store.room(rid);
    boolean visitorMayRead = "l".equals(roomType) && token != null && !token.isEmpty() && room != null
        && room.openedWith(token);
    if (!visitorMayRead) {
      return RestRouter.Reply.empty(403);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", "default-src 'none'");
    headers.put("Cache-Control", "max-age=31536000");
    headers.put("Content-Disposition", "inline; filename=\"" + file.name() + "\"");
    return new RestRouter.Reply(200, file.type(), file.content(), headers);
  }

  private static Map<String, String> cookies(String header) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String pair : header.split(";")) {
      String[] nameAndValue = pair.trim().split("=", 2);
      if (nameAndValue.length == 2) {
        cookies.putIfAbsent(nameAndValue[0].trim(), nameAndValue[1].trim());
      }
    }
    return cookies;
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
