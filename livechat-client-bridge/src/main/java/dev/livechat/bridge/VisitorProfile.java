package dev.livechat.bridge;

import org.jspecify.annotations.Nullable;

/**
 * Who the visitor of a conversation is, as agents see them: registered with the conversation's
 * first message ({@code POST /api/v1/livechat/visitor}), and again with the same token on {@link
 * LivechatBridge#updateProfile}.
 *
 * <pre>{@code
 * VisitorProfile.named("Maria").withPhone("+5511987654321").withEmail("maria@example.com")
 * }</pre>
 *
 * @param name the visitor's name, or null for the server's generated {@code guest-N}
 * @param email the visitor's e-mail, or null; {@link OfflinePolicy#LEAVE_OFFLINE_MESSAGE} needs it
 * @param phone the visitor's phone number, or null
 */
public record VisitorProfile(@Nullable String name, @Nullable String email, @Nullable String phone) {
  private static final VisitorProfile ANONYMOUS = new VisitorProfile(null, null, null);

  /** Longest name and e-mail address the store keeps. */
  public static final int MAX_LENGTH = 200;
  /** Longest phone number the store keeps. */
  public static final int MAX_PHONE_LENGTH = 64;

  /**
   * @throws IllegalArgumentException if a value given is blank, or longer than {@value
   *     #MAX_LENGTH} characters ({@value #MAX_PHONE_LENGTH} for the phone)
   */
  public VisitorProfile {
    check(name, "name", MAX_LENGTH);
    check(email, "email", MAX_LENGTH);
    check(phone, "phone", MAX_PHONE_LENGTH);
  }

  private static void check(@Nullable String value, String what, int max) {
    if (value != null && (value.isBlank() || value.length() > max)) {
      throw new IllegalArgumentException(what + (value.isBlank() ? " is blank" : " is longer than " + max + " characters"));
    }
  }

  /** A profile with nothing: the server names the visitor {@code guest-N}. */
  public static VisitorProfile anonymous() {
    return ANONYMOUS;
  }

  /** A profile with only a name. */
  public static VisitorProfile named(String name) {
    return new VisitorProfile(notBlank(name, "name"), null, null);
  }

  /** This profile with {@code email}. */
  public VisitorProfile withEmail(String email) {
    return new VisitorProfile(name, notBlank(email, "email"), phone);
  }

  /** This profile with {@code phone}. */
  public VisitorProfile withPhone(String phone) {
    return new VisitorProfile(name, email, notBlank(phone, "phone"));
  }

  /** This profile with {@code name}. */
  public VisitorProfile withName(String name) {
    return new VisitorProfile(notBlank(name, "name"), email, phone);
  }

  private static String notBlank(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return value;
  }
}
