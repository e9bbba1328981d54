package dev.livechat.client.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A department a visitor can choose or be transferred to.
 *
 * @param id the department {@code _id}
 * @param name the name
 * @param showOnRegistration whether the registration form offers it
 * @param showOnOfflineForm whether the offline form offers it
 * @param departmentsAllowedToForward departments this one may forward to; never null
 */
public record Department(
    String id,
    @Nullable String name,
    boolean showOnRegistration,
    boolean showOnOfflineForm,
    List<String> departmentsAllowedToForward) {

  public Department {
    Arguments.notNull(id, "id");
    departmentsAllowedToForward =
        departmentsAllowedToForward == null ? List.of() : List.copyOf(departmentsAllowedToForward);
  }
}
