package dev.livechat.client.testing;

import java.time.Instant;

/**
 * A transcript the fake was asked to mail ({@code POST /api/v1/livechat/transcript}); nothing is
 * mailed, the request is only recorded.
 *
 * @param roomId the room whose transcript was asked for
 * @param email where it was to be sent
 * @param requestedAt when the request was accepted
 */
public record TranscriptRequest(String roomId, String email, Instant requestedAt) {}
