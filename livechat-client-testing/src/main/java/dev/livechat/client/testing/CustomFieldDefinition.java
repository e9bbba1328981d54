package dev.livechat.client.testing;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An Omnichannel custom field as an administrator defines it ({@code ILivechatCustomField}):
 * only defined keys are taken by {@code custom.field}, {@code custom.fields} and registration.
 *
 * <pre>{@code
 * ServerSettings.defaults().withCustomFields(List.of(
 *     CustomFieldDefinition.visitor("address").withRegexp("^[A-Za-z ]+$"),
 *     CustomFieldDefinition.room("orderId").withRequired(true)));
 * }</pre>
 *
 * @param id the key ({@code _id}, the {@code key} a visitor sends)
 * @param label the label shown in forms
 * @param scope whether the value is stored on the visitor ({@code livechatData}) or on the visitor's
 *     open rooms
 * @param visible {@code visibility}: {@code visible} or {@code hidden}
 * @param required whether registration must carry it (when it carries custom fields at all)
 * @param regexp a JavaScript-compatible pattern {@code custom.field} and {@code custom.fields} test
 *     values against, or null
 * @param isPublic {@code public}: shown to the widget ({@code config.customFields})
 * @param type {@code input} or {@code select}
 * @param defaultValue the value preselected in forms, or null
 * @param options the choices of a {@code select}
 */
public record CustomFieldDefinition(
    String id,
    String label,
    Scope scope,
    boolean visible,
    boolean required,
    @Nullable String regexp,
    boolean isPublic,
    String type,
    @Nullable String defaultValue,
    List<String> options) {

  /** Where a custom field's value is stored ({@code scope}). */
  public enum Scope {
    /** {@code visitor}: on the visitor, as {@code livechatData}. */
    VISITOR,
    /** {@code room}: on the visitor's open rooms, as their {@code livechatData}. */
    ROOM;

    String wire() {
      return this == VISITOR ? "visitor" : "room";
    }
  }

  /** Checks the values; a regexp must compile. */
  public CustomFieldDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(type, "type");
    options = options == null ? List.of() : List.copyOf(options);
    if (regexp != null) {
      try {
        Pattern.compile(regexp);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a pattern: " + regexp, e);
      }
    }
  }

  /** A visible, public, optional {@code input} field of visitor scope, labelled with its id. */
  public static CustomFieldDefinition visitor(String id) {
    return new CustomFieldDefinition(id, id, Scope.VISITOR, true, false, null, true, "input", null, List.of());
  }

  /** A visible, public, optional {@code input} field of room scope, labelled with its id. */
  public static CustomFieldDefinition room(String id) {
    return new CustomFieldDefinition(id, id, Scope.ROOM, true, false, null, true, "input", null, List.of());
  }

  /** With this label. */
  public CustomFieldDefinition withLabel(String newLabel) {
    return new CustomFieldDefinition(id, newLabel, scope, visible, required, regexp, isPublic, type, defaultValue,
        options);
  }

  /** Visible or hidden ({@code visibility}). */
  public CustomFieldDefinition withVisible(boolean isVisible) {
    return new CustomFieldDefinition(id, label, scope, isVisible, required, regexp, isPublic, type, defaultValue,
        options);
  }

  /** Required or not. */
  public CustomFieldDefinition withRequired(boolean isRequired) {
    return new CustomFieldDefinition(id, label, scope, visible, isRequired, regexp, isPublic, type, defaultValue,
        options);
  }

  /** With a pattern values must match, or null for none. */
  public CustomFieldDefinition withRegexp(@Nullable String pattern) {
    return new CustomFieldDefinition(id, label, scope, visible, required, pattern, isPublic, type, defaultValue,
        options);
  }

  /** Public (listed by {@code config}) or not. */
  public CustomFieldDefinition withPublic(boolean shown) {
    return new CustomFieldDefinition(id, label, scope, visible, required, regexp, shown, type, defaultValue, options);
  }

  /** A {@code select} with these choices. */
  public CustomFieldDefinition withOptions(List<String> choices) {
    return new CustomFieldDefinition(id, label, scope, visible, required, regexp, isPublic, "select", defaultValue,
        choices);
  }

  /** With this preselected value, or null. */
  public CustomFieldDefinition withDefaultValue(@Nullable String value) {
    return new CustomFieldDefinition(id, label, scope, visible, required, regexp, isPublic, type, value, options);
  }

  /** Whether {@code value} passes the field's pattern, tested as JavaScript's {@code RegExp.test} (a find). */
  boolean accepts(String value) {
    return regexp == null || regexp.isEmpty() || Pattern.compile(regexp).matcher(value).find();
  }
}
