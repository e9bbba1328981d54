package dev.livechat.examples;

import dev.livechat.client.LivechatClient;
import dev.livechat.client.exception.LivechatException;
import dev.livechat.client.model.DeletedMessage;
import dev.livechat.client.model.HistoryQuery;
import dev.livechat.client.model.Message;
import dev.livechat.client.model.MessageHistory;

/**
 * Sends a message, edits it, loads the room's history and deletes the message.
 *
 * <p>With {@code LIVECHAT_URL}, {@code LIVECHAT_TOKEN} and {@code LIVECHAT_RID} set it talks to
 * that server (the visitor and an open room must exist). Without {@code LIVECHAT_URL} it starts a
 * local server that replays the documented examples, and says so.
 */
public final class MessagesExample {
  private MessagesExample() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("LIVECHAT_URL");
    if (url == null || url.isBlank()) {
      try (ReplayServer replay = ReplayServer.start();
          LivechatClient client = LivechatClient.builder().baseUrl(replay.url()).build()) {
        System.out.println("LIVECHAT_URL is not set: talking to a local server at " + replay.url()
            + " that replays the documented example answers.");
        run(client, "iNKE8a6k6cjbqWhWd", "zRAeTszXor8CCPceB");
      }
      return;
    }
    String token = System.getenv("LIVECHAT_TOKEN");
    String rid = System.getenv("LIVECHAT_RID");
    if (token == null || rid == null) {
      System.err.println("With LIVECHAT_URL, also set LIVECHAT_TOKEN (a registered visitor's token)"
          + " and LIVECHAT_RID (an open room of that visitor).");
      System.exit(2);
    }
    try (LivechatClient client = LivechatClient.create(url)) {
      System.out.println("Talking to " + client.baseUrl());
      run(client, token, rid);
    } catch (LivechatException e) {
      System.err.println("Failed: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(LivechatClient client, String token, String rid) {
    Message sent = client.sendMessage(token, rid, "sending livechat message..");
    print("sent", sent);

    Message edited = client.updateMessage(token, rid, sent.id(), "editing a livechat message..");
    print("edited", edited);

    MessageHistory history = client.loadHistory(token, rid, HistoryQuery.latest(10));
    System.out.println("history   " + history.messages().size() + " message(s), newest first:");
    history.messages().forEach(message -> print("  ", message));

    DeletedMessage deleted = client.deleteMessage(token, rid, sent.id());
    System.out.printf("deleted   %s at %s%n", deleted.id(), deleted.timestamp());
  }

  private static void print(String what, Message message) {
    String author = message.user() == null ? "?" : message.user().username();
    System.out.printf("%-9s %s %s: \"%s\" at %s%n", what, message.id(), author, message.text(), message.timestamp());
  }
}
