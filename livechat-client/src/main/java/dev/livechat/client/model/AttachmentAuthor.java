package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * Who wrote what an attachment shows: for a quote, the author of the quoted message. On the wire
 * these are three fields of the attachment itself ({@code author_name}, {@code author_icon},
 * {@code author_link}).
 *
 * @param name the name shown, the quoted message's alias or its author's name or username
 * @param icon the author's avatar, a server path such as {@code /avatar/jane.doe} or a URL
 * @param link where the author's name links to; quotes made by the server leave it out
 */
public record AttachmentAuthor(@Nullable String name, @Nullable String icon, @Nullable String link) {}
