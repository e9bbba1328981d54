package dev.livechat.client.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.livechat.client.internal.ModelAdapters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fake server binds no type of ours by reflection (Android's D8/R8 break Moshi's reflective
 * record support): it reads and writes JSON with Moshi's {@code Object} adapter, {@code
 * JsonReader}/{@code JsonWriter} and the SDK's explicit adapters.
 */
class NoReflectionTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/livechat/client/testing");
  private static final Pattern ADAPTER_CALL = Pattern.compile("\\.adapter\\(([^)]*)\\)");

  @Test
  void everyMoshiAdapterTheFakeAsksForIsTheObjectAdapter() throws Exception {
    List<String> arguments;
    try (Stream<Path> files = Files.list(SOURCES)) {
      arguments = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
        try {
          Matcher m = ADAPTER_CALL.matcher(Files.readString(f));
          return m.results().map(r -> f.getFileName() + ": " + r.group(1).trim());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).collect(Collectors.toList());
    }
    assertThat(arguments).isNotEmpty().allSatisfy(call -> assertThat(call).endsWith("Object.class"));
  }

  @Test
  void theFakesRecordsWouldBeRefusedRatherThanReflected() {
    for (Class<?> record : List.of(UploadedFile.class, TranscriptRequest.class, TypingSignal.class)) {
      assertThatThrownBy(() -> ModelAdapters.MOSHI.adapter(record))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("No explicit JSON adapter");
    }
  }
}
