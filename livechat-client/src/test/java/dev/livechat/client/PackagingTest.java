package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void moduleDescriptorExportsThePublicPackagesAndNotInternal() throws Exception {
    // The SDK's own classes directory: on the class path, "/module-info.class" may be another's.
    Path classes = Path.of(LivechatClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertThat(module.name()).isEqualTo("dev.livechat.client");
      assertThat(module.exports()).allMatch(export -> !export.isQualified())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactlyInAnyOrder("dev.livechat.client", "dev.livechat.client.exception",
              "dev.livechat.client.model", "dev.livechat.client.realtime", "dev.livechat.client.telemetry",
              "dev.livechat.client.webhook");
      assertThat(module.opens()).isEmpty();
    }
  }
}
