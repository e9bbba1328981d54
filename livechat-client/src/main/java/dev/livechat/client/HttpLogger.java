package dev.livechat.client;

/**
 * Receives the client's HTTP log, one line per call: request line, headers and body, then the
 * answer's status, time and body. The visitor token is replaced by {@code ***} wherever it
 * travels: JSON {@code token} fields, the {@code token} query parameter, the path segment of
 * {@code visitor/:token}, {@code agent.info/:rid/:token} and {@code agent.next/:token}, and the
 * {@code x-visitor-token} header.
 *
 * <pre>{@code
 * LivechatClient.builder().baseUrl(url).httpLogger(line -> log.debug(line)).build();
 * }</pre>
 *
 * <p>Called on the thread that runs the call; it must not block for long.
 */
@FunctionalInterface
public interface HttpLogger {
  void log(String line);
}
