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
