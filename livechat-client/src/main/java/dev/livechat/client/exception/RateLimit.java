package dev.livechat.client.exception;

import java.time.Instant;

/**
 * What the server's rate limiter last said about one route: the {@code X-RateLimit-*} headers of
 * its latest answer. Rocket.Chat counts per route, method and client IP.
 *
 * @param limit calls allowed per window ({@code X-RateLimit-Limit})
 * @param remaining calls left in the current window ({@code X-RateLimit-Remaining})
 * @param resetAt when the window resets ({@code X-RateLimit-Reset}, epoch milliseconds)
 */
public record RateLimit(int limit, int remaining, Instant resetAt) {}
