package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the jar carries for Android apps. */
class PackagingTest {
  @Test
  void consumerR8RulesShipInTheJarAndKeepNothingOfOurs() throws Exception {
    try (InputStream rules = LivechatClient.class.getResourceAsStream("/META-INF/proguard/livechat-client.pro")) {
      assertThat(rules).as("META-INF/proguard/livechat-client.pro").isNotNull();
      String text = new String(rules.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).doesNotContain("-keep").contains("-dontwarn org.jspecify.annotations.**");
    }
  }
}
