package dev.livechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's layering, read from the {@code import dev.livechat...} lines of {@code src/main/java}:
 * no import cycle between packages, none between files. The intended order, top to bottom: the
 * root package ({@code LivechatClient}); {@code realtime} and {@code webhook}; {@code internal};
 * {@code model}; {@code exception}, which imports nothing of ours.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import\\s+(?:static\\s+)?(dev\\.livechat\\.[\\w.]+?)(\\.\\*)?\\s*;");

  /** Top-level type (package + file name) to the file's package. */
  private static final Map<String, String> TYPES = new TreeMap<>();
  /** File (as its top-level type) to the files it imports. */
  private static final Map<String, Set<String>> FILE_IMPORTS = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue; // module-info.java
        }
        String name = file.getFileName().toString().replace(".java", "");
        String type = pkg.group(1) + "." + name;
        TYPES.put(type, pkg.group(1));
        texts.put(type, text);
      }
    }
    assertThat(TYPES).as("sources under %s", SOURCES.toAbsolutePath()).hasSizeGreaterThan(50);
    texts.forEach((type, text) -> {
      Set<String> targets = new TreeSet<>();
      Matcher imports = IMPORT.matcher(text);
      while (imports.find()) {
        targets.addAll(filesOf(imports.group(1), imports.group(2) != null));
      }
      targets.remove(type);
      FILE_IMPORTS.put(type, targets);
    });
  }

  /** The files an import names: its top-level type, or every file of a package for {@code pkg.*}. */
  private static List<String> filesOf(String imported, boolean wildcard) {
    if (wildcard && TYPES.containsValue(imported)) {
      List<String> all = new ArrayList<>();
      TYPES.forEach((type, pkg) -> {
        if (pkg.equals(imported)) {
          all.add(type);
        }
      });
      return all;
    }
    // a nested type or a static member: cut names off until a file's type remains
    for (String name = imported; name.contains("."); name = name.substring(0, name.lastIndexOf('.'))) {
      if (TYPES.containsKey(name)) {
        return List.of(name);
      }
    }
    throw new AssertionError("import " + imported + " names no file under " + SOURCES);
  }

  @Test
  void noImportCycleBetweenPackages() {
    Map<String, Set<String>> packages = new TreeMap<>();
    FILE_IMPORTS.forEach((file, targets) -> {
      String from = TYPES.get(file);
      Set<String> edges = packages.computeIfAbsent(from, p -> new TreeSet<>());
      for (String target : targets) {
        String to = TYPES.get(target);
        if (!to.equals(from)) {
          edges.add(to);
        }
      }
    });
    assertThat(cycles(packages)).as("import cycles between packages").isEmpty();
  }

  @Test
  void noImportCycleBetweenFiles() {
    assertThat(cycles(FILE_IMPORTS)).as("import cycles between files").isEmpty();
  }

  @Test
  void exceptionsImportNothingOfOurs() {
    FILE_IMPORTS.forEach((file, targets) -> {
      if (TYPES.get(file).equals("dev.livechat.client.exception")) {
        assertThat(targets).as("%s imports", file).allMatch(t -> TYPES.get(t).equals("dev.livechat.client.exception"));
      }
    });
  }

  @Test
  void aCycleIsFoundAndNamed() {
    Map<String, Set<String>> graph = Map.of(
        "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"), "e", Set.of());
    assertThat(cycles(graph)).containsExactly("a -> b -> c -> a");
    assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
  }

  /**
   * The cycles of {@code graph}, each written {@code a -> b -> a}: a shortest one through each node
   * not already on a cycle named; empty when the graph has none.
   */
  static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> found = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      if (done.contains(start)) {
        continue;
      }
      List<String> cycle = cycleThrough(start, graph);
      if (cycle.isEmpty()) {
        done.add(start);
      } else {
        found.add(String.join(" -> ", cycle));
        done.addAll(cycle); // one cycle is enough to name the tangle
      }
    }
    return found;
  }

  /** A shortest path from {@code start} back to itself (breadth first), or empty. */
  private static List<String> cycleThrough(String start, Map<String, Set<String>> graph) {
    Map<String, String> cameFrom = new TreeMap<>();
    List<String> frontier = List.of(start);
    while (!frontier.isEmpty()) {
      List<String> next = new ArrayList<>();
      for (String node : frontier) {
        for (String target : graph.getOrDefault(node, Set.of())) {
          if (target.equals(start)) {
            List<String> path = new ArrayList<>();
            path.add(start);
            for (String at = node; !at.equals(start); at = cameFrom.get(at)) {
              path.add(1, at);
            }
            path.add(start);
            return path;
          }
          if (!cameFrom.containsKey(target)) {
            cameFrom.put(target, node);
            next.add(target);
          }
        }
      }
      frontier = next;
    }
    return List.of();
  }
}
