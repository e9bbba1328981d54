package dev.livechat.client.internal;

import static dev.livechat.client.internal.ValueAdapters.INTEGER;
import static dev.livechat.client.internal.ValueAdapters.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A record's fields described once, as its constructor call: what is read, written and refused. */
class RecordAdapterTest {
  record Item(String id, @Nullable String name, @Nullable Integer count, List<String> tags, boolean done) {
    Item {
      Objects.requireNonNull(id, "id");
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  static final JsonAdapter<Item> ITEM = RecordAdapter.of(Item.class, f -> new Item(
      f.required("_id|id", STRING, Item::id),
      f.get("name", STRING, Item::name),
      f.get("count", INTEGER),
      f.list("tags", STRING, Item::tags),
      f.flag("done", Item::done)));

  record Kept(@Nullable String id, Map<String, @Nullable Object> others) {}

  static final JsonAdapter<Kept> KEPT = RecordAdapter.of(Kept.class, f -> {
    f.ignore("type");
    return new Kept(f.get("_id", STRING), f.others());
  });

  @Test
  void readsEachFieldByItsWireNameWhateverTheOrderAndSkipsTheOthers() throws Exception {
    Item item = ITEM.fromJson("{\"tags\":[\"a\",\"b\"],\"extra\":{\"x\":1},\"count\":3,\"name\":\"n\",\"_id\":\"i1\",\"done\":true}");

    assertThat(item).isEqualTo(new Item("i1", "n", 3, List.of("a", "b"), true));
  }

  @Test
  void theFirstNameOfAnAliasWinsWhicheverComesFirst() throws Exception {
    assertThat(ITEM.fromJson("{\"id\":\"second\",\"_id\":\"first\"}").id()).isEqualTo("first");
    assertThat(ITEM.fromJson("{\"id\":\"only\"}").id()).isEqualTo("only");
  }

  @Test
  void aNullFieldReadsAsAnAbsentOne() throws Exception {
    Item item = ITEM.fromJson("{\"_id\":\"i1\",\"name\":null,\"count\":null,\"tags\":null,\"done\":null}");

    assertThat(item).isEqualTo(new Item("i1", null, null, List.of(), false));
  }

  @Test
  void aMissingRequiredFieldNamesItsFirstNameAndThePath() {
    assertThatThrownBy(() -> ITEM.fromJson("{\"name\":\"n\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Required value '_id' missing at $");
    assertThatThrownBy(() -> ITEM.fromJson("{\"_id\":null}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Required value '_id' missing at $");
  }

  @Test
  void aNullListElementIsRefusedWithItsPath() {
    assertThatThrownBy(() -> ITEM.fromJson("{\"_id\":\"i1\",\"tags\":[\"a\",null]}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Required value 'element' missing at $.tags[1]");
  }

  @Test
  void aWrongTypeIsRefusedWithItsPath() {
    assertThatThrownBy(() -> ITEM.fromJson("{\"_id\":\"i1\",\"count\":\"three\"}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("$.count");
  }

  @Test
  void writesTheFieldsWithAnAccessorInTheShapesOrderUnderTheFirstNameLeavingOutNullAndEmpty() {
    assertThat(ITEM.toJson(new Item("i1", null, 3, List.of(), false))).isEqualTo("{\"_id\":\"i1\",\"done\":false}");
    assertThat(ITEM.toJson(new Item("i1", "n", 3, List.of("a"), true)))
        .isEqualTo("{\"_id\":\"i1\",\"name\":\"n\",\"tags\":[\"a\"],\"done\":true}");
  }

  @Test
  void keepsWhatTheShapeDoesNotAskForAsReadExceptWhatItIgnores() throws Exception {
    Kept kept = KEPT.fromJson("{\"type\":\"t\",\"_id\":\"k\",\"n\":1,\"o\":{\"a\":[true,null]},\"s\":null}");

    assertThat(kept.id()).isEqualTo("k");
    assertThat(kept.others()).containsExactly(
        Map.entry("n", 1.0), Map.entry("o", Map.of("a", java.util.Arrays.asList(true, null))),
        new java.util.AbstractMap.SimpleEntry<>("s", null));
  }

  @Test
  void aRecordWithoutAccessorsIsOnlyRead() {
    assertThatThrownBy(() -> KEPT.toJson(new Kept("k", Map.of())))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("Kept is only read, never sent");
  }

  record Pair(Item first, @Nullable String second) {}

  @Test
  void aShapeThatBuildsARecordBeforeItsLastFieldIsToldSoWhenItFirstReads() {
    JsonAdapter<Pair> broken = RecordAdapter.of(Pair.class, f -> new Pair(
        new Item(f.required("_id", STRING), null, null, null, false), f.get("second", STRING)));

    assertThatThrownBy(() -> broken.fromJson("{\"_id\":\"i1\",\"second\":\"s\"}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The shape of Pair asks for more fields than it did when described");
  }

  @Test
  void aNameGivenTwiceIsRefusedWhenTheAdapterIsMade() {
    assertThatThrownBy(() -> RecordAdapter.of(Item.class, f -> new Item(
        f.required("_id", STRING), f.get("_id", STRING), null, null, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The shape of Item names '_id' twice");
  }
}
