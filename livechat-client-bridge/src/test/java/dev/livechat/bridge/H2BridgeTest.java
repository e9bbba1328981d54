package dev.livechat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store: an H2 file database in a temporary directory. */
class H2BridgeTest extends BridgeContract {
  @TempDir Path directory;

  @Override
  BridgeStore newStore() {
    return BridgeStore.embedded(directory.resolve("bridge-data"));
  }

  @Override
  BridgeStore reopen(BridgeStore old) {
    old.close();
    return BridgeStore.embedded(directory.resolve("bridge-data"));
  }

  /**
   * H2 writes a commit to its file up to 500 ms after it by default; the embedded store asks for
   * every commit at once, so a process killed right after {@code receive} returned loses nothing.
   */
  @Test
  void whatReceiveRecordedSurvivesTheProcessBeingKilled() throws Exception {
    Path data = directory.resolve("killed");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HaltAfterReceive.class.getName(), data.toString(), "20")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isEqualTo(137);
    assertThat(output).contains("recorded");

    try (BridgeStore reopened = BridgeStore.embedded(data)) {
      JdbcBridgeStore jdbc = (JdbcBridgeStore) reopened;
      assertThat(jdbc.unfinished(KEY)).extracting(JdbcBridgeStore.OutboxRow::text).hasSize(20)
          .startsWith("message 1").endsWith("message 20");
    }
  }

  @Test
  void theEmbeddedStoreIsH2() {
    assertThat(store.dialect()).isEqualTo("h2");
  }

  @Test
  void aDataSourceOfH2IsDetected() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:detect;DB_CLOSE_DELAY=-1");
    try (BridgeStore detected = BridgeStore.jdbc(dataSource)) {
      assertThat(detected.dialect()).isEqualTo("h2");
      assertThat(detected.schemaVersion()).isEqualTo(1);
    }
  }
}
