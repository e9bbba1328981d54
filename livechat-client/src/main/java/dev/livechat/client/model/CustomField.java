package dev.livechat.client.model;


/**
 * A custom field of a visitor, as the Livechat administrator defined it.
 *
 * @param key the field's key, for example {@code address}
 * @param value the value
 * @param overwrite whether to replace a value the visitor already has
 */
public record CustomField(String key, String value, boolean overwrite) {
  public CustomField {
    Arguments.notBlank(key, "key");
    Arguments.notNull(value, "value");
  }

  /** A field that replaces any value the visitor already has. */
  public static CustomField of(String key, String value) {
    return new CustomField(key, value, true);
  }
}
