package dev.livechat.client.model;

import org.jspecify.annotations.Nullable;

/**
 * An attachment of a message; for an uploaded file, how to show and fetch it.
 *
 * @param type the attachment type, {@code file} for uploads
 * @param title the title, for an upload its file name
 * @param titleLink the server path of the file ({@code title_link}), relative to the server root
 * @param description the description given with the upload
 * @param imageUrl the server path of the image, for an image ({@code image_url})
 * @param imageType the image's media type ({@code image_type})
 * @param imageSize the image's size in bytes ({@code image_size})
 */
public record Attachment(
    @Nullable String type,
    @Nullable String title,
    @Nullable String titleLink,
    @Nullable String description,
    @Nullable String imageUrl,
    @Nullable String imageType,
    @Nullable Long imageSize) {}
