package dev.livechat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * The bodies the loopback server answers with, generated once from a fixed seed: messages as
 * today's server stores them, with {@code md} (the parsed markdown tree), {@code urls}, {@code
 * mentions} and {@code channels}, and every fourth one an uploaded image with its {@code file},
 * {@code files} and an image attachment carrying a base64 preview.
 */
public final class Payloads {
  public static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  public static final String RID = "bf7bd8d0-3b5d-4b3e-9b0e-6a2a7f3c1d11";
  public static final String TEXT = "Hello, I have a question about my order #48213: it has not arrived yet.";

  /** {@code POST /api/v1/livechat/message}: {@code {"message": {...}, "success": true}}. */
  public static final byte[] SEND_RESPONSE;
  /** {@code GET /api/v1/livechat/messages.history/:rid}: the server's default page of 20. */
  public static final byte[] HISTORY_20;
  /** The same with 1,000 messages, about 1 MB. */
  public static final byte[] HISTORY_1000;

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String[] SENTENCES = {
    "Hello, I have a question about my order.",
    "Could you check the delivery status for me?",
    "Sure, let me look that up for you — one moment please.",
    "The parcel left our warehouse on Tuesday and should arrive within three working days.",
    "Merci beaucoup, c'est très gentil !",
    "I attached a screenshot of the error page 👋",
    "Can I change the shipping address to my office instead?",
    "Yes, that is possible as long as the parcel has not been handed to the carrier.",
    "Is there anything else I can help you with today?",
    "No, that is all. Thanks for the quick answer!",
  };

  static {
    Random random = new Random(42);
    StringBuilder send = new StringBuilder("{\"message\":");
    message(send, random, 0, true, false, TEXT);
    send.append(",\"success\":true}");
    SEND_RESPONSE = bytes(send);
    HISTORY_20 = history(20);
    HISTORY_1000 = history(1000);
  }

  private Payloads() {}

  private static byte[] history(int count) {
    Random random = new Random(7);
    StringBuilder out = new StringBuilder("{\"messages\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(',');
      }
      StringBuilder text = new StringBuilder();
      int sentences = 1 + random.nextInt(5);
      for (int s = 0; s < sentences; s++) {
        if (s > 0) {
          text.append(' ');
        }
        text.append(SENTENCES[random.nextInt(SENTENCES.length)]);
      }
      message(out, random, i, random.nextBoolean(), i % 4 == 3, text.toString());
    }
    out.append("],\"success\":true}");
    return bytes(out);
  }

  private static void message(StringBuilder out, Random random, int index, boolean visitor,
      boolean withImage, String text) {
    Instant ts = Instant.parse("2026-11-20T09:00:00.000Z").plusMillis(index * 37_113L);
    String fileId = id(random);
    String fileName = "screenshot-" + index + ".png";
    out.append("{\"_id\":\"").append(id(random)).append('"')
        .append(",\"rid\":\"").append(RID).append('"')
        .append(",\"msg\":\"").append(withImage ? "" : text).append('"');
    if (visitor) {
      out.append(",\"token\":\"").append(TOKEN).append('"')
          .append(",\"alias\":\"Ada Lovelace\"");
    }
    out.append(",\"ts\":\"").append(ISO.format(ts)).append('"')
        .append(",\"u\":{\"_id\":\"").append(visitor ? "XqEEHhQHvhFmK3Zoz" : "rocket.cat.agent01")
        .append("\",\"username\":\"").append(visitor ? "guest-1287" : "maria.agent")
        .append("\",\"name\":\"").append(visitor ? "Ada Lovelace" : "Maria (Support)").append("\"}")
        .append(",\"_updatedAt\":\"").append(ISO.format(ts.plusMillis(12))).append('"');
    if (withImage) {
      out.append(",\"file\":{\"_id\":\"").append(fileId).append("\",\"name\":\"").append(fileName)
          .append("\",\"type\":\"image/png\",\"size\":").append(20_000 + random.nextInt(500_000))
          .append(",\"format\":\"png\"}")
          .append(",\"files\":[{\"_id\":\"").append(fileId).append("\",\"name\":\"").append(fileName)
          .append("\",\"type\":\"image/png\"}]")
          .append(",\"attachments\":[{\"ts\":\"1970-01-01T00:00:00.000Z\",\"title\":\"").append(fileName)
          .append("\",\"title_link\":\"/file-upload/").append(fileId).append('/').append(fileName)
          .append("\",\"title_link_download\":true,\"image_dimensions\":{\"width\":1280,\"height\":720}")
          .append(",\"image_preview\":\"").append(base64(random, 640)).append('"')
          .append(",\"image_url\":\"/file-upload/").append(fileId).append('/').append(fileName)
          .append("\",\"image_type\":\"image/png\",\"image_size\":").append(20_000 + random.nextInt(500_000))
          .append(",\"type\":\"file\",\"description\":\"").append(text).append("\"}]");
    } else {
      out.append(",\"md\":[{\"type\":\"PARAGRAPH\",\"value\":[{\"type\":\"PLAIN_TEXT\",\"value\":\"")
          .append(text).append("\"}]}]");
    }
    out.append(",\"urls\":[],\"mentions\":[],\"channels\":[]");
    if (!visitor) {
      out.append(",\"groupable\":false");
    }
    out.append('}');
  }

  private static String id(Random random) {
    String alphabet = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
    char[] id = new char[17];
    for (int i = 0; i < id.length; i++) {
      id[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(id);
  }

  private static String base64(Random random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder out = new StringBuilder("/9j/4AAQSkZJRgABAQAAAQABAAD");
    while (out.length() < length) {
      out.append(alphabet.charAt(random.nextInt(64)));
    }
    return out.toString();
  }

  private static byte[] bytes(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) {
    System.out.println("send response: " + SEND_RESPONSE.length + " bytes");
    System.out.println("history 20: " + HISTORY_20.length + " bytes");
    System.out.println("history 1000: " + HISTORY_1000.length + " bytes");
    if (args.length > 0) {
      System.out.println(new String(HISTORY_20, StandardCharsets.UTF_8));
    }
  }
}
