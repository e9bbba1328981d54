package dev.livechat.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How a Livechat visitor proves it may read a room's files: the server's file route ({@code
 * /file-upload/:id/:name}) reads {@code rc_token}, {@code rc_rid} and {@code rc_room_type} from the
 * query or, when the query has no {@code rc_uid}, from the cookies, and for room type {@code l}
 * accepts a visitor token that owns the room (RC apps/meteor/app/file-upload/server/lib/FileUpload.ts
 * {@code requestCanAccessFiles}; RC apps/meteor/server/lib/rooms/roomTypes/livechat.ts {@code
 * canAccessUploadedFile}). The widget sends them as cookies, and so does the SDK: a query would
 * put the token in every access log on the way.
 *
 * <p>The credentials ride on the request as a tag; {@link #networkInterceptor} turns them into the
 * {@code Cookie} header for requests to the server's own origin only, so a redirect to a storage
 * host (an S3 or Google Cloud Storage link) never carries the token, and cookies of a caller's
 * cookie jar are kept after them (the server reads the first of each name). {@link #toString()}
 * never prints the token.
 */
public final class FileCredentials {
  private static final String HEX = "0123456789ABCDEF";

  private final String token;
  private final String rid;

  /**
   * @param token the visitor token
   * @param rid the room the file belongs to
   */
  public FileCredentials(String token, String rid) {
    this.token = token;
    this.rid = rid;
  }

  /** The visitor token, for the log's list of values to hide. */
  public String token() {
    return token;
  }

  /** The cookies as sent, values percent-encoded (the server decodes them with {@code decodeURIComponent}). */
  String cookies() {
    return "rc_token=" + encode(token) + "; rc_rid=" + encode(rid) + "; rc_room_type=l";
  }

  /** The cookies as logged: the token as {@code ***}. */
  public String redactedCookies() {
    return "rc_token=***; rc_rid=" + encode(rid) + "; rc_room_type=l";
  }

  /**
   * The network interceptor that adds the credentials of a tagged request as cookies, when the
   * request (the first, or one a redirect led to) goes to {@code server}'s scheme, host and port.
   */
  public static Interceptor networkInterceptor(HttpUrl server) {
    return chain -> attach(chain, server);
  }

  private static Response attach(Interceptor.Chain chain, HttpUrl server) throws IOException {
    Request request = chain.request();
    FileCredentials credentials = request.tag(FileCredentials.class);
    HttpUrl url = request.url();
    if (credentials == null
        || !url.scheme().equals(server.scheme())
        || !url.host().equals(server.host())
        || url.port() != server.port()) {
      return chain.proceed(request);
    }
    String jar = request.header("Cookie");
    String cookies = jar == null ? credentials.cookies() : credentials.cookies() + "; " + jar;
    return chain.proceed(request.newBuilder().header("Cookie", cookies).build());
  }

  /** {@code encodeURIComponent}'s encoding: every byte but letters, digits and {@code -_.!~*'()} as {@code %XX}. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "FileCredentials[rid=" + rid + ", token=***]";
  }
}
