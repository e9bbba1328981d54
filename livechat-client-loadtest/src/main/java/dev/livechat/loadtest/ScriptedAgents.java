package dev.livechat.loadtest;

import dev.livechat.client.model.Message;
import org.jspecify.annotations.Nullable;

/**
 * The agents of a load test: they take the visitors' rooms, watch them in realtime and reply to
 * each visitor message after a delay. Two implementations: {@link FakeServerAgents}, in-process over
 * the embedded fake's {@code FakeAgent}, and one over an agent client speaking the server's agent
 * REST and realtime API (for {@code --url}).
 */
interface ScriptedAgents extends AutoCloseable {
  /** Logs the agents in and makes them available; from now on they report to {@code sink}. */
  void start(AgentSink sink) throws Exception;

  /**
   * A visitor's room is open and followed by its visitor's realtime session. The in-process agents
   * take it from here; agents over a real server find it in their queue and may ignore this.
   */
  void roomOpened(String token, String roomId);

  /** What the agents are, for the report: "5 in-process FakeAgents", say. */
  String describe();

  @Override
  void close();

  /** What the agents tell the run. Thread-safe; never blocks. */
  interface AgentSink {
    /** An agent took the room. */
    void taken(String roomId);

    /**
     * An agent's realtime view showed {@code message} of the room at {@code nanos} ({@link
     * System#nanoTime()}).
     *
     * @return the reply to send and when, or null when no reply is due (not a visitor message of
     *     this test, or seen before)
     */
    @Nullable Reply seen(String roomId, Message message, long nanos);

    /** The server accepted {@code reply}. */
    void replied(String roomId, Reply reply);

    /** Sending {@code reply}, or taking a room, failed. */
    void failed(String roomId, String what, Throwable error);
  }

  /**
   * A reply an agent owes.
   *
   * @param k the number of the visitor message it answers
   * @param text what to send
   * @param intendedNanos when to send it ({@link System#nanoTime()}): the sighting plus the agent delay
   */
  record Reply(int k, String text, long intendedNanos) {}
}
