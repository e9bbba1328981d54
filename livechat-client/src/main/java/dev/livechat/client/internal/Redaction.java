package dev.livechat.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a call's secrets (its visitor token, wherever the request carries it) out of every text the
 * SDK builds from an answer or a failure: the server's error text, a decoding failure's reason, an
 * I/O failure's message, and the messages of the causes it wraps.
 *
 * <p>A secret is replaced by {@code ***} wherever it occurs, and so is any prefix or suffix of it
 * of at least {@value #MIN_PARTIAL} characters: what is left of a token when a text (ours, the
 * server's or a proxy's) was cut in its middle. A secret shorter than that (never a real token:
 * the server's are 17 characters or more) is hidden where it stands on its own, not inside a
 * longer word. Texts from outside are cut to {@value #MAX_TEXT}
 * characters first, so that a huge echoed string neither fills a message nor costs much to scan.
 */
public final class Redaction {
  /** What a secret reads as. */
  static final String MASK = "***";
  /** The shortest part of a secret that is still hidden. */
  static final int MIN_PARTIAL = 8;
  /** The longest text from outside (a server's error text, a cause's message) kept in a message. */
  static final int MAX_TEXT = 1000;

  private Redaction() {}

  /** {@code text} cut to {@value #MAX_TEXT} characters, with every secret and part of one hidden. */
  public static String scrub(String text, List<String> secrets) {
    String out = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    for (String secret : secrets) {
      if (!holds(out, secret)) {
        continue;
      }
      if (secret.length() < MIN_PARTIAL) {
        out = replaceWord(out, secret);
        continue;
      }
      out = out.replace(secret, MASK);
      // Longest parts first, so a shorter one never leaves the rest of a longer one behind.
      for (int length = secret.length() - 1; length >= MIN_PARTIAL; length--) {
        out = out.replace(secret.substring(0, length), MASK);
        out = out.replace(secret.substring(secret.length() - length), MASK);
      }
    }
    return out;
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

  /** Whether {@code text} holds {@code secret} or a part of it that {@link #scrub} hides. */
  private static boolean holds(String text, String secret) {
    if (secret.isEmpty()) {
      return false;
    }
    if (secret.length() < MIN_PARTIAL) {
      return !replaceWord(text, secret).equals(text);
    }
    // Every hidden part starts with the secret's first MIN_PARTIAL characters or ends with its last.
    return text.contains(secret.substring(0, MIN_PARTIAL))
        || text.contains(secret.substring(secret.length() - MIN_PARTIAL));
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
    return (IOException) copy(failure, secrets, newSeen());
  }

  /** As {@link #scrub(IOException, List)}, for any cause. */
  public static Throwable scrub(Throwable failure, List<String> secrets) {
    if (secrets.isEmpty() || !leaks(failure, secrets, newSeen())) {
      return failure;
    }
    return copy(failure, secrets, newSeen());
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

  private static Throwable copy(Throwable failure, List<String> secrets, Set<Throwable> seen) {
    if (!seen.add(failure) || failure instanceof Scrubbed) {
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
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      copy.initCause(leaks(cause, secrets, newSeen()) ? copy(cause, secrets, seen) : cause);
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      copy.addSuppressed(leaks(suppressed, secrets, newSeen()) ? copy(suppressed, secrets, seen) : suppressed);
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
