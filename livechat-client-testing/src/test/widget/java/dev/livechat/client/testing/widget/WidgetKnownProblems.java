package dev.livechat.client.testing.widget;

/**
 * Where the widget (1.13.3, April 2022) is older than today's server, each with the server source
 * that shows it: the run expects exactly these and fails if one is no longer seen, so the list never
 * outlives the problem. Any other refusal, error frame or console error fails the run.
 *
 * <p>Neither shows as a refusal: the server answers both silently (an empty method result, a
 * subscription that is ready but never fed), so the run checks each by what it observes.
 */
final class WidgetKnownProblems {
  private static final String RC = "RocketChat/Rocket.Chat ";

  /** One known problem: what goes wrong and where the server's source shows it. */
  record KnownProblem(String problem, String source) {
    @Override
    public String toString() {
      return problem + " [" + source + "]";
    }
  }

  /** The visitor's typing never reaches the agent. */
  static final KnownProblem VISITOR_TYPING = new KnownProblem(
      "the widget signals the visitor's typing with the method stream-notify-room on \"<rid>/typing\""
          + " (username, boolean, {token}), through @rocket.chat/sdk's notifyVisitorTyping; today's server"
          + " lets a visitor write only \"<rid>/user-activity\" (with [\"user-typing\"] or []) and drops"
          + " anything else with an empty result, so the agent never sees the visitor typing",
      RC + "apps/meteor/server/modules/notifications/notifications.module.ts (streamRoom.allowWrite);"
          + " the widget: packages/livechat/src/lib/room.js, @rocket.chat/sdk lib/drivers/ddp.js"
          + " (notifyVisitorTyping)");

  /** The agent's typing never shows in the widget. */
  static final KnownProblem AGENT_TYPING = new KnownProblem(
      "the widget subscribes stream-notify-room \"<rid>/typing\" (@rocket.chat/sdk's subscribeRoom) and"
          + " never \"<rid>/user-activity\"; today's server emits an agent's typing only on"
          + " \"<rid>/user-activity\" (the compatibility emit on \"<rid>/typing\" is gone), so the"
          + " widget never shows the agent typing",
      RC + "apps/meteor/server/modules/notifications/notifications.module.ts (no \"<rid>/typing\" emit);"
          + " the widget's client: @rocket.chat/sdk lib/drivers/ddp.js (subscribeRoom)");

  private WidgetKnownProblems() {}
}
