package dev.livechat.client.testing.agent;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link LivechatAgent} logs in: a username (or e-mail address) and password, sent once to
 * {@code POST /api/v1/login}; or a user id and a personal access token (or a token from an earlier
 * login), sent as {@code X-User-Id} and {@code X-Auth-Token} with every call. {@link #toString()}
 * never prints the password or the token.
 */
public final class AgentCredentials {
  /** The variables {@link #fromEnvironment(Map)} reads. */
  public static final String USER = "LIVECHAT_AGENT_USER";
  public static final String PASSWORD = "LIVECHAT_AGENT_PASSWORD";
  public static final String ID = "LIVECHAT_AGENT_ID";
  public static final String TOKEN = "LIVECHAT_AGENT_TOKEN";

  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable String userId;
  private final @Nullable String authToken;

  private AgentCredentials(@Nullable String user, @Nullable String password, @Nullable String userId,
      @Nullable String authToken) {
    this.user = user;
    this.password = password;
    this.userId = userId;
    this.authToken = authToken;
  }

  /**
   * A username (or e-mail address) and its password, for {@code POST /api/v1/login}.
   *
   * @throws IllegalArgumentException if either is empty
   */
  public static AgentCredentials password(String user, String password) {
    return new AgentCredentials(nonEmpty(user, "user"), nonEmpty(password, "password"), null, null);
  }

  /**
   * A user id and a personal access token (or the {@code authToken} of an earlier login), sent as
   * {@code X-User-Id} and {@code X-Auth-Token}.
   *
   * @throws IllegalArgumentException if either is empty
   */
  public static AgentCredentials token(String userId, String authToken) {
    return new AgentCredentials(null, null, nonEmpty(userId, "userId"), nonEmpty(authToken, "authToken"));
  }

  /**
   * The credentials the environment gives: {@code LIVECHAT_AGENT_USER} and {@code
   * LIVECHAT_AGENT_PASSWORD}, else {@code LIVECHAT_AGENT_ID} and {@code LIVECHAT_AGENT_TOKEN};
   * empty when neither pair is set in full (blank values count as unset).
   */
  public static Optional<AgentCredentials> fromEnvironment(Map<String, String> environment) {
    String user = environment.get(USER);
    String password = environment.get(PASSWORD);
    if (!blank(user) && !blank(password)) {
      return Optional.of(password(user, password));
    }
    String id = environment.get(ID);
    String token = environment.get(TOKEN);
    if (!blank(id) && !blank(token)) {
      return Optional.of(token(id, token));
    }
    return Optional.empty();
  }

  /** {@link #fromEnvironment(Map)} of {@link System#getenv()}. */
  public static Optional<AgentCredentials> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Whether these log in with a password ({@code POST /api/v1/login}) rather than a token. */
  public boolean usesPassword() {
    return password != null;
  }

  @Nullable String user() {
    return user;
  }

  @Nullable String passwordValue() {
    return password;
  }

  @Nullable String userId() {
    return userId;
  }

  @Nullable String authToken() {
    return authToken;
  }

  private static String nonEmpty(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return usesPassword()
        ? "AgentCredentials[user=" + user + ", password=***]"
        : "AgentCredentials[userId=" + userId + ", authToken=***]";
  }
}
