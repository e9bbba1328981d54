package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registering a new token with the phone number or email address of a known visitor updates and
 * returns that visitor, as the server's {@code registerGuest} in {@code
 * packages/omni-core/src/visitor/create.ts}: by token first, then {@code
 * LivechatVisitors.findOneVisitorByPhone} (the visitor keeps its token: "Don't change token when
 * matching by phone number"), then {@code findOneGuestByEmailAddress} (a case-insensitive exact
 * match; the visitor takes the new token). Older versions ({@code
 * apps/meteor/app/livechat/server/lib/guests.ts}) matched the same way.
 */
class VisitorMatchingTest extends FakeServerTestBase {

  private Map<?, ?> registered(String json) {
    Answer answer = post("livechat/visitor", json);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return (Map<?, ?>) answer.json().get("visitor");
  }

  @Test
  void aNewTokenWithAKnownPhoneNumberUpdatesThatVisitorWhoKeepsItsToken() {
    Map<?, ?> first = registered("""
        {"visitor":{"token":"token-1","name":"Ada","phone":"+15551234567"}}""");

    Map<?, ?> second = registered("""
        {"visitor":{"token":"token-2","name":"Ada Lovelace","phone":"+15551234567"}}""");

    assertThat(second.get("_id")).isEqualTo(first.get("_id"));
    assertThat(second.get("token")).isEqualTo("token-1");
    assertThat(second.get("name")).isEqualTo("Ada Lovelace");
    assertThat(server.visitors()).hasSize(1);
    assertRefused(get("livechat/visitor/token-2"), 400, """
        {"success":false,"error":"[invalid-token]","errorType":"invalid-token"}""");
  }

  @Test
  void aNewTokenWithAKnownEmailAddressUpdatesThatVisitorWhoTakesTheNewToken() {
    Map<?, ?> first = registered("""
        {"visitor":{"token":"token-1","name":"Ada","email":"ada@example.com"}}""");

    Map<?, ?> second = registered("""
        {"visitor":{"token":"token-2","email":"ADA@Example.com"}}""");

    assertThat(second.get("_id")).isEqualTo(first.get("_id"));
    assertThat(second.get("token")).isEqualTo("token-2");
    assertThat(second.get("name")).isEqualTo("Ada");
    assertThat(server.visitors()).hasSize(1);
    assertThat(get("livechat/visitor/token-2").status()).isEqualTo(200);
    assertRefused(get("livechat/visitor/token-1"), 400, """
        {"success":false,"error":"[invalid-token]","errorType":"invalid-token"}""");
  }

  @Test
  void anotherPhoneAndEmailMakeANewVisitor() {
    registered("""
        {"visitor":{"token":"token-1","phone":"+15551234567","email":"ada@example.com"}}""");

    Map<?, ?> other = registered("""
        {"visitor":{"token":"token-2","phone":"+15559999999","email":"bob@example.com"}}""");

    assertThat(other.get("token")).isEqualTo("token-2");
    assertThat(server.visitors()).hasSize(2);
  }

  /** {@code registerGuest} in {@code packages/omni-core/src/visitor/create.ts}: {@code throw new Error('error-invalid-department')}. */
  @Test
  void anUnknownDepartmentIsRefused() {
    assertRefused(post("livechat/visitor", """
        {"visitor":{"token":"token-1","department":"nowhere"}}"""), 400, """
        {"success":false,"error":"error-invalid-department"}""");
    assertThat(server.visitors()).isEmpty();
  }
}
