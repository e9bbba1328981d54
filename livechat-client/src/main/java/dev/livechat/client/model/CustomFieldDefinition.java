package dev.livechat.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A custom field the widget asks the visitor for when registering ({@code config.customFields}):
 * the public, visible visitor fields the workspace defined. Set its value with {@code
 * setCustomField(token, id, value, overwrite)} or with the visitor's registration.
 *
 * @param id the field's key ({@code _id}), the {@code key} of {@link CustomField}
 * @param label what to show beside the input
 * @param regexp a pattern the value must match, as the server stores it (JavaScript syntax); null
 *     or empty for none
 * @param required whether the visitor must fill it in
 * @param type the kind of input: {@code input} for text, {@code select} for a choice of {@code
 *     options}; an open set, kept as the server's text
 * @param defaultValue the value to start with; null for none
 * @param options the choices of a {@code select} field; never null, empty for other fields
 */
public record CustomFieldDefinition(
    String id,
    @Nullable String label,
    @Nullable String regexp,
    boolean required,
    @Nullable String type,
    @Nullable String defaultValue,
    List<String> options) {

  public CustomFieldDefinition {
    Arguments.notNull(id, "id");
    options = options == null ? List.of() : List.copyOf(options);
  }
}
