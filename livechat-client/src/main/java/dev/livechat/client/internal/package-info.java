/**
 * HTTP execution, JSON adapters, envelopes and error mapping. Not API: anything here may change
 * in any release.
 */
@NullMarked
package dev.livechat.client.internal;

import org.jspecify.annotations.NullMarked;
