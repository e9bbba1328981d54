/**
 * The exceptions the SDK throws, all unchecked and all extending {@link
 * dev.livechat.client.exception.LivechatException}, and {@link dev.livechat.client.exception.RateLimit},
 * what the server's rate limiter last said. This package depends on nothing else of the SDK, so
 * every other package can use it.
 */
@NullMarked
package dev.livechat.client.exception;

import org.jspecify.annotations.NullMarked;
