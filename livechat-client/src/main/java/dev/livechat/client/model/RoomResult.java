package dev.livechat.client.model;


/**
 * The answer of {@code GET livechat/room}: the visitor's open room, and whether this call opened it.
 *
 * @param room the room
 * @param newRoom true if the server opened the room for this call, false if it was already open
 */
public record RoomResult(Room room, boolean newRoom) {
  public RoomResult {
    Arguments.notNull(room, "room");
  }
}
