/**
 * Immutable records for what the Livechat API sends and receives. Wire names ({@code rid},
 * {@code msg}, {@code ts}, {@code _id}) appear only in the JSON adapters; the records use Java names.
 * Components are non-null unless marked {@code @Nullable}; lists are never null.
 */
@NullMarked
package dev.livechat.client.model;

import org.jspecify.annotations.NullMarked;
