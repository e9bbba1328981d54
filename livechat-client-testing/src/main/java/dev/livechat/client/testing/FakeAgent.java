package dev.livechat.client.testing;

import dev.livechat.client.model.Message;

/**
 * The agent side of a {@link FakeLivechatServer}, for a test to play: what an agent does in
 * Rocket.Chat reaches the visitor's subscribers as the real server sends it (new and edited
 * messages on {@code stream-room-messages}, deletions and typing on {@code stream-notify-room},
 * {@code agentData} and {@code agentStatus} on {@code stream-livechat-room}).
 *
 * <pre>{@code
 * FakeAgent smith = server.agent("agent.smith");
 * smith.assign(roomId);
 * smith.typing(roomId, true);
 * Message reply = smith.reply(roomId, "How can I help?");
 * }</pre>
 *
 * <p>Obtain one with {@link FakeLivechatServer#agent(String)}. Safe to use from any thread.
 */
public final class FakeAgent {
  private final Store store;
  private final StoredAgent agent;

  FakeAgent(Store store, StoredAgent agent) {
    this.store = store;
    this.agent = agent;
  }

  /** The agent's user id. */
  public String id() {
    return agent.id;
  }

  /** The agent's username, for example {@code agent.smith}. */
  public String username() {
    return agent.username;
  }

  /** The agent's display name. */
  public String name() {
    return agent.name;
  }

  /**
   * The agent's password: {@code POST /api/v1/login} with {@code {"user": username(), "password":
   * password()}} logs it in (a {@code LivechatAgent} over HTTP). A random one unless {@linkplain
   * #password(String) set}.
   */
  public String password() {
    synchronized (store) {
      return agent.password;
    }
  }

  /**
   * Sets the agent's password, for example to the one a harness reads from {@code
   * LIVECHAT_AGENT_PASSWORD}.
   *
   * @return this agent
   * @throws IllegalArgumentException if {@code password} is empty
   */
  public FakeAgent password(String password) {
    if (password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
    synchronized (store) {
      agent.password = password;
    }
    return this;
  }

  /**
   * A new login token of the agent, as a personal access token is: with {@link #id()} as {@code
   * X-User-Id} and this as {@code X-Auth-Token} (or the DDP {@code login} method's {@code resume}),
   * the agent is logged in.
   */
  public String newAuthToken() {
    synchronized (store) {
      return store.newLoginToken(agent);
    }
  }

  /**
   * Sends a message from the agent into an open room, and pushes it to the room's subscribers.
   *
   * @return the message as stored
   * @throws IllegalArgumentException if there is no room {@code roomId}
   * @throws IllegalStateException if the room is closed
   */
  public Message reply(String roomId, String text) {
    synchronized (store) {
      StoredRoom room = openRoom(roomId);
      return store.add(room, new StoredMessage(Ids.random(), room.id, text, null, null, null, agent.author(),
          store.now())).toModel();
    }
  }

  /**
   * Sends the agent's files into an open room as one message, as an agent's multi-file upload does:
   * its {@code file} is the first, {@code files} lists all, with one {@code file} attachment each.
   * The room's visitor can download them from {@code /file-upload/<id>/<name>}.
   *
   * @param files name, media type and content of each file
   * @return the message as stored
   * @throws IllegalArgumentException if there is no room {@code roomId} or no file is given
   * @throws IllegalStateException if the room is closed
   */
  public Message sendFiles(String roomId, java.util.List<NewFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no file to send");
    }
    synchronized (store) {
      StoredRoom room = openRoom(roomId);
      java.time.Instant now = store.now();
      String messageId = Ids.random();
      java.util.List<UploadedFile> stored = new java.util.ArrayList<>();
      for (NewFile file : files) {
        UploadedFile upload = new UploadedFile(Ids.random(), room.id, messageId, file.name(), file.type(), null,
            file.content(), now);
        store.uploads.add(upload);
        stored.add(upload);
      }
      StoredMessage message = new StoredMessage(messageId, room.id, "", null, null, null, agent.author(), now);
      message.files = java.util.List.copyOf(stored);
      return store.add(room, message).toModel();
    }
  }

  /**
   * Replaces the text of a message (the agent's own, or any: agents may edit others' messages) and
   * pushes the edited message, with {@code editedAt} and {@code editedBy}.
   *
   * @return the message as now stored
   * @throws IllegalArgumentException if there is no message {@code messageId}
   */
  public Message edit(String messageId, String text) {
    synchronized (store) {
      StoredMessage message = message(messageId);
      store.edit(message, text, agent.author());
      return message.toModel();
    }
  }

  /**
   * Deletes a message and pushes {@code {"_id": messageId}} on {@code <rid>/deleteMessage}.
   *
   * @throws IllegalArgumentException if there is no message {@code messageId}
   */
  public void delete(String messageId) {
    synchronized (store) {
      store.delete(message(messageId));
    }
  }

  /**
   * Signals that the agent is typing in the room, or stopped: {@code [username, ["user-typing"]]}
   * or {@code [username, []]} on {@code <roomId>/user-activity}.
   *
   * @throws IllegalArgumentException if there is no room {@code roomId}
   */
  public void typing(String roomId, boolean typing) {
    synchronized (store) {
      store.typing(room(roomId), agent, typing);
    }
  }

  /**
   * Takes the room, as an agent taking it from the queue: the agent serves it from now on ({@code
   * servedBy}); the system messages {@code command} ({@code connected}) and {@code uj} are stored
   * and pushed, then {@code agentData} ({@code {"hiddenInfo":true}} when agent info is hidden). A
   * room the agent already serves is left as it is; under auto selection a new room is taken this
   * way as soon as it opens, by the available agent serving the fewest rooms.
   *
   * @throws IllegalArgumentException if there is no room {@code roomId}
   * @throws IllegalStateException if the room is closed, or the agent already serves {@code
   *     Livechat_maximum_chats_per_agent} open rooms (the server's {@code
   *     error-max-number-simultaneous-chats-reached})
   */
  public void assign(String roomId) {
    synchronized (store) {
      StoredRoom room = openRoom(roomId);
      if (room.servedBy != agent && !store.underChatLimit(agent)) {
        throw new IllegalStateException("error-max-number-simultaneous-chats-reached: " + agent.username
            + " serves " + store.openChats(agent) + " rooms");
      }
      store.assign(room, agent);
      store.changed();
    }
  }

  /**
   * Forwards an open room to agent {@code to}, as an agent's "Forward chat" does: {@code to} takes
   * it (its {@code command}/{@code uj} messages and {@code agentData}, as {@link #assign}), a {@code
   * livechat_transfer_history} message by this agent is stored, and the webhook's {@code
   * LivechatSessionTaken} and {@code LivechatSessionForwarded} (with {@code oldServedBy}) go out
   * when on. Forwarding to the agent already serving the room changes nothing.
   *
   * @throws IllegalArgumentException if there is no room {@code roomId}
   * @throws IllegalStateException if the room is closed
   */
  public void forward(String roomId, FakeAgent to) {
    synchronized (store) {
      store.forward(openRoom(roomId), to.agent, agent);
      store.changed();
    }
  }

  /**
   * Whether the agent accepts chats ({@code statusLivechat} {@code available}, the default, or
   * {@code not-available}): auto selection and {@code agent.next} only pick agents who do.
   */
  public void setAvailable(boolean available) {
    synchronized (store) {
      agent.accepting = available;
    }
  }

  /**
   * Makes the agent one of department {@code departmentId}'s: {@code config} lists only departments
   * with agents, and a room of the department is routed to its agents.
   *
   * @throws IllegalArgumentException if there is no such department
   */
  public void joinDepartment(String departmentId) {
    synchronized (store) {
      if (!store.departments().containsKey(departmentId)) {
        throw new IllegalArgumentException("no department " + departmentId);
      }
      store.addDepartmentAgent(departmentId, agent);
    }
  }

  /**
   * Closes the room with no comment, as an agent does: a {@code livechat-close} message by the agent
   * is pushed, and the room is no longer open.
   *
   * @return the {@code livechat-close} message
   * @throws IllegalArgumentException if there is no room {@code roomId}
   * @throws IllegalStateException if the room is already closed
   */
  public Message closeRoom(String roomId) {
    return closeRoom(roomId, "");
  }

  /**
   * Closes the room with {@code comment} as the {@code livechat-close} message's text.
   *
   * @return the {@code livechat-close} message
   * @throws IllegalArgumentException if there is no room {@code roomId}
   * @throws IllegalStateException if the room is already closed
   */
  public Message closeRoom(String roomId, String comment) {
    synchronized (store) {
      return store.close(openRoom(roomId), "user", agent.author(), comment, null).toModel();
    }
  }

  /**
   * Changes the agent's presence ({@code online}, {@code away}, {@code busy}, {@code offline}):
   * {@code agentStatus} goes to the open rooms the agent serves. An agent that is not {@code online}
   * is not offered by {@code agent.next}.
   */
  public void setStatus(String status) {
    synchronized (store) {
      store.status(agent, status);
    }
  }

  /**
   * Changes the name of the room's visitor, as an agent editing the visitor's info does: {@code
   * visitorData} goes to the subscribers of the visitor's open rooms.
   *
   * @throws IllegalArgumentException if there is no room {@code roomId}
   */
  public void renameVisitor(String roomId, String name) {
    synchronized (store) {
      store.rename(room(roomId).visitor, name);
    }
  }

  private StoredRoom room(String rid) {
    StoredRoom room = store.room(rid);
    if (room == null) {
      throw new IllegalArgumentException("no room " + rid);
    }
    return room;
  }

  private StoredRoom openRoom(String rid) {
    StoredRoom room = room(rid);
    if (!room.open) {
      throw new IllegalStateException("room " + rid + " is closed");
    }
    return room;
  }

  private StoredMessage message(String messageId) {
    StoredMessage message = store.message(messageId);
    if (message == null) {
      throw new IllegalArgumentException("no message " + messageId);
    }
    return message;
  }

  @Override
  public String toString() {
    return "FakeAgent[" + agent.username + "]";
  }
}
