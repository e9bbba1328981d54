package dev.livechat.loadtest;

import dev.livechat.client.model.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One conversation's account of its messages: what the visitor sent (and the server accepted),
 * what the agent saw, what the agent sent, what the visitor received, and at the end what the
 * server's history holds. Each message is known by its place: the visitor's {@code k}-th message
 * reads {@code "v<n> m<k> ..."} and the agent's reply to it {@code "re v<n> m<k>"}, so a message
 * stored twice under two ids still counts twice. Thread-safe (one lock per conversation).
 */
final class Ledger {
  private static final Pattern VISITOR_TEXT = Pattern.compile("^v(\\d+) m(\\d+)\\b");
  private static final Pattern REPLY_TEXT = Pattern.compile("^re v(\\d+) m(\\d+)\\b");

  final int visitor;
  final String token;
  final String roomId;
  /** k → intended send time (nanoTime) of the visitor's messages, attempted ones included. */
  private final Map<Integer, Long> intended = new HashMap<>();
  /** k of the visitor's messages the server accepted, in order. */
  private final Set<Integer> accepted = new LinkedHashSet<>();
  /** k of the agent replies planned → intended send time. */
  private final Map<Integer, Long> replyIntended = new HashMap<>();
  /** k of the agent replies the server accepted, in order. */
  private final Set<Integer> replied = new LinkedHashSet<>();
  /** k of the visitor's messages as the agent's realtime view showed them, in order, repeats kept. */
  private final List<Integer> seen = new ArrayList<>();
  /** k of the agent's replies as the visitor's realtime session delivered them, in order, repeats kept. */
  private final List<Integer> delivered = new ArrayList<>();

  Ledger(int visitor, String token, String roomId) {
    this.visitor = visitor;
    this.token = token;
    this.roomId = roomId;
  }

  static String visitorText(int visitor, int k) {
    return "v" + visitor + " m" + k + " hello from a load-test visitor";
  }

  static String replyText(int visitor, int k) {
    return "re v" + visitor + " m" + k;
  }

  /** The {@code k} of a visitor message of this test, or -1. */
  static int visitorMessage(@Nullable String text) {
    return number(VISITOR_TEXT, text);
  }

  /** The {@code k} of an agent reply of this test, or -1. */
  static int reply(@Nullable String text) {
    return number(REPLY_TEXT, text);
  }

  private static int number(Pattern pattern, @Nullable String text) {
    if (text == null) {
      return -1;
    }
    Matcher m = pattern.matcher(text);
    return m.find() ? Integer.parseInt(m.group(2)) : -1;
  }

  /** The visitor number a test message names, or -1. */
  static int visitorOf(@Nullable String text) {
    if (text == null) {
      return -1;
    }
    Matcher m = VISITOR_TEXT.matcher(text);
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    m = REPLY_TEXT.matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  synchronized void sending(int k, long intendedNanos) {
    intended.put(k, intendedNanos);
  }

  synchronized void accepted(int k) {
    accepted.add(k);
  }

  synchronized int acceptedCount() {
    return accepted.size();
  }

  /**
   * The agent's view showed visitor message {@code k}.
   *
   * @return its intended send time, or null if the visitor never tried to send it; the first
   *     sighting only (a repeat returns null and is kept for the check)
   */
  synchronized @Nullable Long seen(int k) {
    boolean first = !seen.contains(k);
    seen.add(k);
    return first ? intended.get(k) : null;
  }

  synchronized void replyPlanned(int k, long intendedNanos) {
    replyIntended.put(k, intendedNanos);
  }

  synchronized void replied(int k) {
    replied.add(k);
  }

  /**
   * The visitor's session delivered reply {@code k}.
   *
   * @return its intended send time if this is its first delivery, else null
   */
  synchronized @Nullable Long delivered(int k) {
    boolean first = !delivered.contains(k);
    delivered.add(k);
    return first ? replyIntended.get(k) : null;
  }

  synchronized int deliveredCount() {
    return (int) delivered.stream().distinct().count();
  }

  /** Whether every accepted visitor message has its reply delivered. */
  synchronized boolean allAnswered() {
    for (int k : accepted) {
      if (!delivered.contains(k)) {
        return false;
      }
    }
    return true;
  }

  /** What the check found in one conversation; each message counts at most once as lost and once as duplicated. */
  record Check(int lost, int duplicated, int outOfOrder, int lostStored, int lostInRealtime, int duplicatedStored,
      int duplicatedInRealtime, int unacknowledged, List<String> findings) {
    static final Check NONE = new Check(0, 0, 0, 0, 0, 0, 0, 0, List.of());

    Check plus(Check o) {
      List<String> all = new ArrayList<>(findings);
      all.addAll(o.findings);
      return new Check(lost + o.lost, duplicated + o.duplicated, outOfOrder + o.outOfOrder, lostStored + o.lostStored,
          lostInRealtime + o.lostInRealtime, duplicatedStored + o.duplicatedStored,
          duplicatedInRealtime + o.duplicatedInRealtime, unacknowledged + o.unacknowledged,
          all.size() > 50 ? all.subList(0, 50) : all);
    }
  }

  /**
   * Checks the conversation against the room's history ({@code history}, oldest first): every
   * message the server accepted is stored once and delivered once (the visitor's to the agent, the
   * agent's to the visitor), each side's in order.
   */
  synchronized Check check(List<Message> history) {
    List<Integer> storedVisitor = new ArrayList<>();
    List<Integer> storedReplies = new ArrayList<>();
    for (Message m : history) {
      if (m.type() != null || visitorOf(m.text()) != visitor) {
        continue;
      }
      int k = visitorMessage(m.text());
      if (k >= 0) {
        storedVisitor.add(k);
      } else {
        storedReplies.add(reply(m.text()));
      }
    }
    List<String> findings = new ArrayList<>();
    Set<String> lost = new LinkedHashSet<>();
    Set<String> duplicated = new LinkedHashSet<>();
    int lostStored = 0;
    int lostInRealtime = 0;
    int duplicatedStored = 0;
    int duplicatedInRealtime = 0;
    for (int k : accepted) {
      int stored = count(storedVisitor, k);
      int shown = count(seen, k);
      if (stored == 0) {
        lostStored++;
        lost.add("m" + k);
        findings.add(roomId + ": visitor message m" + k + " accepted but not in the history");
      } else if (stored > 1) {
        duplicatedStored++;
        duplicated.add("m" + k);
        findings.add(roomId + ": visitor message m" + k + " stored " + stored + " times");
      }
      if (shown == 0) {
        lostInRealtime++;
        lost.add("m" + k);
        findings.add(roomId + ": visitor message m" + k + " never reached the agent");
      } else if (shown > 1) {
        duplicatedInRealtime++;
        duplicated.add("m" + k);
        findings.add(roomId + ": visitor message m" + k + " reached the agent " + shown + " times");
      }
    }
    for (int k : replied) {
      int stored = count(storedReplies, k);
      int shown = count(delivered, k);
      if (stored == 0) {
        lostStored++;
        lost.add("r" + k);
        findings.add(roomId + ": agent reply r" + k + " accepted but not in the history");
      } else if (stored > 1) {
        duplicatedStored++;
        duplicated.add("r" + k);
        findings.add(roomId + ": agent reply r" + k + " stored " + stored + " times");
      }
      if (shown == 0) {
        lostInRealtime++;
        lost.add("r" + k);
        findings.add(roomId + ": agent reply r" + k + " never delivered to the visitor");
      } else if (shown > 1) {
        duplicatedInRealtime++;
        duplicated.add("r" + k);
        findings.add(roomId + ": agent reply r" + k + " delivered " + shown + " times");
      }
    }
    // Stored or shown although the server's answer never said it accepted them (a lost answer):
    // not lost, but repeats of them still count.
    int unacknowledged = 0;
    for (int k : new LinkedHashSet<>(storedVisitor)) {
      if (!accepted.contains(k)) {
        unacknowledged++;
        if (count(storedVisitor, k) > 1) {
          duplicatedStored++;
          duplicated.add("m" + k);
        }
      }
    }
    for (int k : new LinkedHashSet<>(storedReplies)) {
      if (!replied.contains(k)) {
        unacknowledged++;
        if (count(storedReplies, k) > 1) {
          duplicatedStored++;
          duplicated.add("r" + k);
        }
      }
    }
    int outOfOrder = inversions(storedVisitor) + inversions(storedReplies) + inversions(seen) + inversions(delivered);
    if (outOfOrder > 0) {
      findings.add(roomId + ": " + outOfOrder + " message(s) out of order (history " + storedVisitor + " "
          + storedReplies + ", agent saw " + seen + ", visitor got " + delivered + ")");
    }
    return new Check(lost.size(), duplicated.size(), outOfOrder, lostStored, lostInRealtime, duplicatedStored,
        duplicatedInRealtime, unacknowledged, findings);
  }

  private static int count(List<Integer> list, int k) {
    int n = 0;
    for (int v : list) {
      if (v == k) {
        n++;
      }
    }
    return n;
  }

  /** How many messages come after a later one (repeats ignored). */
  private static int inversions(List<Integer> order) {
    int n = 0;
    int highest = Integer.MIN_VALUE;
    Set<Integer> counted = new LinkedHashSet<>();
    for (int k : order) {
      if (!counted.add(k)) {
        continue;
      }
      if (k < highest) {
        n++;
      }
      highest = Math.max(highest, k);
    }
    return n;
  }
}
