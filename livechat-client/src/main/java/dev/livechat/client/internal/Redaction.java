package dev.livechat.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a call's secrets (its visitor token, wherever the request carries it) out of every text the
 * SDK builds from an answer or a failure: the server's error text, a decoding failure's reason, an
 * I/O failure's message, and the messages of the causes it wraps.
 *
 * <p>A secret is replaced by {@code ***} wherever it occurs whole, and nothing else in the text
 * changes: a token that shares its first characters with a server word ({@code visitor-…} and
 * {@code visitor-has-open-rooms}) leaves that word as the server wrote it. Part of a secret is
 * hidden only where the SDK itself cut a text ({@link #cut}): a text cut in the middle of a secret
 * ends before it, with {@code ***} in its place. A secret shorter than {@value #MIN_WORD} characters
 * (never a real token: the server's are 17 characters or more) is hidden only where it stands on
 * its own, not inside a longer word. Texts from outside are cut to {@value #MAX_TEXT} characters
 * first, so that a huge echoed string neither fills a message nor costs much to scan.
 */
public final class Redaction {
  /** What a secret reads as. */
  static final String MASK = "***";
  /** A secret shorter than this is hidden only where it stands alone as a word. */
  static final int MIN_WORD = 8;
  /** The longest text from outside (a server's error text, a cause's message) kept in a message. */
  static final int MAX_TEXT = 1000;

  private Redaction() {}

  /** {@code text} cut to {@value #MAX_TEXT} characters, with every secret hidden. */
  public static String scrub(String text, List<String> secrets) {
    return cut(text, MAX_TEXT, true, secrets);
  }

  /**
   * {@code text} kept to its first {@code max} characters, with every secret hidden, and no part of
   * a secret left at the cut: where the cut falls inside a secret (or {@code text} ends in the
   * start of one and {@code whole} says more followed), the kept text ends before it and {@code
   * ***} stands in its place. A text that was cut, here or before ({@code whole} false), ends in
   * {@code …}.
   *
   * @param whole whether {@code text} is all there was; false when it is itself a part already cut
   *     (the first bytes of a body), so that a secret's start at its end may continue past it
   */
  public static String cut(String text, int max, boolean whole, List<String> secrets) {
    int end = Math.min(max, text.length());
    boolean cut = end < text.length() || !whole;
    boolean partHidden = false;
    if (cut) {
      for (int moved = end; moved >= 0; end = moved) {
        moved = startOfSecretAt(text, end, secrets);
        if (moved < 0) {
          break;
        }
        partHidden = true;
      }
    }
    String out = text.substring(0, end);
    for (String secret : longestFirst(secrets)) {
      if (secret.isEmpty() || !out.contains(secret)) {
        continue;
      }
      out = secret.length() < MIN_WORD ? replaceWord(out, secret) : out.replace(secret, MASK);
    }
    if (partHidden) {
      out += MASK;
    }
    return cut ? out + "…" : out;
  }

  /** The secrets, longest first: a secret that starts another must not be hidden before it. */
  public static List<String> longestFirst(java.util.Collection<String> secrets) {
    if (secrets.size() < 2) {
      return List.copyOf(secrets);
    }
    List<String> sorted = new ArrayList<>(secrets);
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return sorted;
  }

  /**
   * Where a secret that a cut at {@code end} would split begins: an occurrence that starts before
   * {@code end} and runs past it, or (at the end of {@code text}) a start of a secret that may go
   * on in what was not read. -1 when the cut splits none.
   */
  private static int startOfSecretAt(String text, int end, List<String> secrets) {
    int earliest = -1;
    for (String secret : secrets) {
      for (int from = Math.max(0, end - secret.length() + 1); from < end; from++) {
        int length = Math.min(secret.length(), text.length() - from);
        if (text.regionMatches(from, secret, 0, length) && (earliest < 0 || from < earliest)) {
          earliest = from;
          break;
        }
      }
    }
    return earliest;
  }

  /**
   * {@code text} with every occurrence of the short {@code secret} that stands on its own (not
   * inside a longer word: a test's token {@code tok} leaves {@code invalid-token} alone) hidden.
   */
  private static String replaceWord(String text, String secret) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      int end = at + secret.length();
      boolean alone = (at == 0 || !wordChar(text.charAt(at - 1)))
          && (end == text.length() || !wordChar(text.charAt(end)));
      if (alone && at >= from) {
        out.append(text, from, at).append(MASK);
        from = end;
      }
    }
    return out.append(text, from, text.length()).toString();
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  /** Whether {@code text} holds {@code secret} where {@link #scrub} hides it. */
  private static boolean holds(String text, String secret) {
    if (secret.isEmpty()) {
      return false;
    }
    if (secret.length() < MIN_WORD) {
      return !replaceWord(text, secret).equals(text);
    }
    return text.contains(secret);
  }

  private static boolean holdsAny(@Nullable String text, List<String> secrets) {
    if (text == null) {
      return false;
    }
    for (String secret : secrets) {
      if (holds(text, secret)) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #scrub(String, List)}, null staying null. */
  static @Nullable String scrubNullable(@Nullable String text, List<String> secrets) {
    return text == null ? null : scrub(text, secrets);
  }

  /**
   * {@code failure} itself when no message in it (its own, its causes', its suppressed ones')
   * holds a secret; else a copy with every message scrubbed, keeping the class name (in {@code
   * toString()}, so in every stack trace printed) and the stack trace. A copy of an {@link
   * InterruptedIOException} is one too (it says the call timed out).
   */
  public static IOException scrub(IOException failure, List<String> secrets) {
    if (secrets.isEmpty() || !leaks(failure, secrets, newSeen())) {
      return failure;
    }
    return (IOException) copy(failure, secrets, new IdentityHashMap<>());
  }

  /** As {@link #scrub(IOException, List)}, for any cause. */
  public static Throwable scrub(Throwable failure, List<String> secrets) {
    if (secrets.isEmpty() || !leaks(failure, secrets, newSeen())) {
      return failure;
    }
    return copy(failure, secrets, new IdentityHashMap<>());
  }

  private static Set<Throwable> newSeen() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private static boolean leaks(Throwable failure, List<String> secrets, Set<Throwable> seen) {
    if (!seen.add(failure)) {
      return false;
    }
    // toString() may say more than the message (an exception overriding it).
    if (holdsAny(failure.getMessage(), secrets) || holdsAny(failure.toString(), secrets)) {
      return true;
    }
    if (failure.getCause() != null && leaks(failure.getCause(), secrets, seen)) {
      return true;
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (leaks(suppressed, secrets, seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A scrubbed copy of {@code failure}, with its leaking causes and suppressed failures copied too.
   * A failure met again (the cause that is also suppressed, a loop of causes) gets the copy made
   * the first time, never the original.
   */
  private static Throwable copy(Throwable failure, List<String> secrets, Map<Throwable, Throwable> copies) {
    Throwable made = copies.get(failure);
    if (made != null) {
      return made;
    }
    if (failure instanceof Scrubbed) {
      return failure;
    }
    String name = failure.getClass().getName();
    String message = failure.getMessage() == null ? null : scrub(failure.getMessage(), secrets);
    Throwable copy;
    if (failure instanceof InterruptedIOException) {
      copy = new ScrubbedInterruptedIOException(name, message);
    } else if (failure instanceof IOException) {
      copy = new ScrubbedIOException(name, message);
    } else {
      copy = new ScrubbedException(name, message);
    }
    copies.put(failure, copy);
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(leaks(cause, secrets, newSeen()) ? copy(cause, secrets, copies) : cause);
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(leaks(suppressed, secrets, newSeen()) ? copy(suppressed, secrets, copies) : suppressed);
    }
    return copy;
  }

  /** A copy made by {@link Redaction}: it names the class it copies. */
  interface Scrubbed {
    /** The class of the failure this copies, for example {@code java.net.ProtocolException}. */
    String originalClassName();
  }

  private static String describe(String className, @Nullable String message) {
    return message == null ? className + " (scrubbed)" : className + " (scrubbed): " + message;
  }

  /** A scrubbed copy of an {@link IOException}. */
  static final class ScrubbedIOException extends IOException implements Scrubbed {
    private static final long serialVersionUID = 1L;
    private final String originalClassName;

    ScrubbedIOException(String originalClassName, @Nullable String message) {
      super(message);
      this.originalClassName = originalClassName;
    }

    @Override
    public String originalClassName() {
      return originalClassName;
    }

    @Override
    public String toString() {
      return describe(originalClassName, getMessage());
    }
  }

  /** A scrubbed copy of an {@link InterruptedIOException} (a timeout). */
  static final class ScrubbedInterruptedIOException extends InterruptedIOException implements Scrubbed {
    private static final long serialVersionUID = 1L;
    private final String originalClassName;

    ScrubbedInterruptedIOException(String originalClassName, @Nullable String message) {
      super(message);
      this.originalClassName = originalClassName;
    }

    @Override
    public String originalClassName() {
      return originalClassName;
    }

    @Override
    public String toString() {
      return describe(originalClassName, getMessage());
    }
  }

  /** A scrubbed copy of any other failure ({@code JsonDataException}, {@code DateTimeParseException}). */
  static final class ScrubbedException extends RuntimeException implements Scrubbed {
    private static final long serialVersionUID = 1L;
    private final String originalClassName;

    ScrubbedException(String originalClassName, @Nullable String message) {
      super(message);
      this.originalClassName = originalClassName;
    }

    @Override
    public String originalClassName() {
      return originalClassName;
    }

    @Override
    public String toString() {
      return describe(originalClassName, getMessage());
    }
  }
}
