package dev.livechat.client.model;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A visitor to register: {@code POST /api/v1/livechat/visitor}. Registering a token the server
 * already knows updates that visitor.
 *
 * <pre>{@code
 * NewVisitor.of(VisitorToken.random())
 *     .withName("Ada")
 *     .withEmail("ada@example.com")
 *     .withCustomField(CustomField.of("plan", "pro"))
 * }</pre>
 *
 * <p>{@link #toString()} never prints the token.
 *
 * @param token the visitor token: any string the visitor keeps, see {@link
 *     dev.livechat.client.VisitorToken#random()}
 * @param name the visitor's name, or null
 * @param email the visitor's email, or null
 * @param department the department id or name to register to, or null
 * @param phone the visitor's phone number, or null
 * @param username the username to use, or null for a generated {@code guest-N}
 * @param customFields custom fields to set; never null
 */
public record NewVisitor(
    String token,
    @Nullable String name,
    @Nullable String email,
    @Nullable String department,
    @Nullable String phone,
    @Nullable String username,
    List<CustomField> customFields) {

  public NewVisitor {
    Arguments.notBlank(token, "token");
    customFields = customFields == null ? List.of() : List.copyOf(customFields);
  }

  /** A visitor with only a token. */
  public static NewVisitor of(String token) {
    return new NewVisitor(token, null, null, null, null, null, List.of());
  }

  public NewVisitor withName(String name) {
    return new NewVisitor(token, Arguments.notBlank(name, "name"), email, department, phone, username, customFields);
  }

  public NewVisitor withEmail(String email) {
    return new NewVisitor(token, name, Arguments.notBlank(email, "email"), department, phone, username, customFields);
  }

  public NewVisitor withDepartment(String department) {
    return new NewVisitor(
        token, name, email, Arguments.notBlank(department, "department"), phone, username, customFields);
  }

  public NewVisitor withPhone(String phone) {
    return new NewVisitor(token, name, email, department, Arguments.notBlank(phone, "phone"), username, customFields);
  }

  public NewVisitor withUsername(String username) {
    return new NewVisitor(
        token, name, email, department, phone, Arguments.notBlank(username, "username"), customFields);
  }

  /** This visitor with one more custom field. */
  public NewVisitor withCustomField(CustomField field) {
    List<CustomField> fields = new ArrayList<>(customFields);
    fields.add(Arguments.notNull(field, "field"));
    return new NewVisitor(token, name, email, department, phone, username, fields);
  }

  /** Prints every component except the visitor token, which shows as {@code ***}. */
  @Override
  public String toString() {
    return "NewVisitor[token=***, name=" + name + ", email=" + email + ", department=" + department
        + ", phone=" + phone + ", username=" + username + ", customFields=" + customFields + "]";
  }
}
