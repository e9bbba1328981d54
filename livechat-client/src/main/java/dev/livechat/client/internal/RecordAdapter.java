package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A record read from (and, for request bodies, written to) a JSON object whose fields are
 * described once, as the call of the record's constructor:
 *
 * <pre>{@code
 * RecordAdapter.of(User.class, f -> new User(
 *     f.required("_id", STRING),
 *     f.get("username", STRING),
 *     f.get("name", STRING)));
 * }</pre>
 *
 * <p>Each argument names a wire field and the adapter of its value. The adapter runs the shape
 * once when it is made, to learn the fields in order (the record built then is thrown away, and
 * the record's own checks may refuse it); then each object read fills one value per field through
 * {@link JsonReader.Options} and runs the shape again, each call taking the next value. So a shape
 * must ask for the same fields in the same order every time, and build nothing that could refuse
 * the describing pass's nulls before it has asked for the last one: pass the fields as the
 * arguments of one constructor or helper. Pass value adapters as constants: an adapter made inside
 * the shape would be made again for every object read. No reflection:
 * the shape is a lambda, which D8 and R8 leave intact.
 *
 * <p>A JSON {@code null} reads as an absent field, so value adapters never see one; an object
 * that misses a {@linkplain Fields#required required} field is a {@link JsonDataException}. Names
 * the shape does not ask for are skipped, or kept as read where the shape asks for {@link
 * Fields#others()}. A field given an accessor is also written, in the order of the shape, unless
 * its value is null or an empty collection (the server rejects null fields); a record with no such
 * field is read-only and refuses to be written.
 */
public final class RecordAdapter<T> extends JsonAdapter<T> {
  /** The call of a record's constructor, each argument one field read through {@code fields}. */
  @FunctionalInterface
  public interface Shape<T> {
    T build(Fields<T> fields);
  }

  private final Class<T> type;
  private final Shape<T> shape;
  private final List<Field<T>> fields;
  private final List<Field<T>> requiredFields;
  /** By field: the index of its value when it has one name, else -1 (look through its aliases). */
  private final int[] singleIndex;
  private final JsonReader.Options names;
  /** By index in {@link #names}: the adapter of that name's value, null to skip it. */
  private final @Nullable JsonAdapter<?>[] adapters;
  private final boolean keepsOthers;
  private final boolean writable;

  private RecordAdapter(Class<T> type, Shape<T> shape) {
    this.type = type;
    this.shape = shape;
    Fields<T> describing = new Fields<>(this);
    try {
      shape.build(describing);
    } catch (RuntimeException refusedByTheRecord) {
      // The record's checks refuse the nulls of this pass; only the fields asked for matter here.
    }
    this.fields = List.copyOf(describing.described);
    List<Field<T>> required = new ArrayList<>();
    for (Field<T> field : fields) {
      if (field.required) {
        required.add(field);
      }
    }
    this.requiredFields = List.copyOf(required);
    this.keepsOthers = describing.keepsOthers;
    List<String> allNames = new ArrayList<>();
    List<@Nullable JsonAdapter<?>> byName = new ArrayList<>();
    boolean anyAccessor = false;
    for (Field<T> field : fields) {
      field.firstIndex = allNames.size();
      for (String name : field.names) {
        if (allNames.contains(name)) {
          throw new IllegalArgumentException("The shape of " + type.getSimpleName() + " names '" + name + "' twice");
        }
        allNames.add(name);
        byName.add(field.adapter);
      }
      anyAccessor |= field.accessor != null;
    }
    this.singleIndex = new int[fields.size()];
    for (int i = 0; i < singleIndex.length; i++) {
      Field<T> field = fields.get(i);
      singleIndex[i] = field.names.length == 1 ? field.firstIndex : -1;
    }
    this.names = JsonReader.Options.of(allNames.toArray(new String[0]));
    this.adapters = byName.toArray(new JsonAdapter<?>[0]);
    this.writable = anyAccessor;
  }

  /** The adapter of {@code type}, whose fields are the arguments {@code shape} passes. */
  public static <T> RecordAdapter<T> of(Class<T> type, Shape<T> shape) {
    return new RecordAdapter<>(type, shape);
  }

  @Override
  public T fromJson(JsonReader in) throws IOException {
    @Nullable Object[] values = new Object[adapters.length];
    Map<String, @Nullable Object> others = keepsOthers ? new LinkedHashMap<>() : null;
    in.beginObject();
    while (in.hasNext()) {
      int index = in.selectName(names);
      if (index < 0) {
        if (others != null) {
          ValueAdapters.keep(in, others);
        } else {
          ValueAdapters.skip(in);
        }
        continue;
      }
      JsonAdapter<?> adapter = adapters[index];
      if (adapter == null || in.peek() == JsonReader.Token.NULL) {
        in.skipValue();
        values[index] = null;
      } else if (adapter == ValueAdapters.STRING) {
        values[index] = in.nextString(); // most fields: spare the two calls through the adapter
      } else if (adapter == ValueAdapters.BOOLEAN) {
        values[index] = in.nextBoolean();
      } else {
        values[index] = adapter.fromJson(in);
      }
    }
    in.endObject();
    for (Field<T> field : requiredFields) {
      if (field.value(values) == null) {
        throw new JsonDataException("Required value '" + field.names[0] + "' missing at " + in.getPath());
      }
    }
    Fields<T> reading = new Fields<>(this, values, others);
    T value = shape.build(reading);
    if (reading.next != fields.size()) {
      throw new IllegalStateException(
          "The shape of " + type.getSimpleName() + " asked for its fields in another order than when described");
    }
    return value;
  }

  @Override
  public void toJson(JsonWriter out, @Nullable T value) throws IOException {
    if (!writable) {
      throw new UnsupportedOperationException(type.getSimpleName() + " is only read, never sent");
    }
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    for (Field<T> field : fields) {
      if (field.accessor != null) {
        field.write(out, value);
      }
    }
    out.endObject();
  }

  @Override
  public String toString() {
    return "RecordAdapter(" + type.getSimpleName() + ")";
  }

  /**
   * The fields of one record: while the adapter is made, each call notes a field; while an
   * object is read, each call gives the next field's value.
   */
  public static final class Fields<T> {
    private final RecordAdapter<T> owner;
    private final List<Field<T>> described;
    private final @Nullable Object @Nullable [] values;
    private final @Nullable Map<String, @Nullable Object> others;
    private boolean keepsOthers;
    private int next;

    private Fields(RecordAdapter<T> owner) {
      this.owner = owner;
      this.described = new ArrayList<>();
      this.values = null;
      this.others = null;
    }

    private Fields(RecordAdapter<T> owner, @Nullable Object[] values, @Nullable Map<String, @Nullable Object> others) {
      this.owner = owner;
      this.described = List.of();
      this.values = values;
      this.others = others;
    }

    /**
     * The value of field {@code names}, or null when it is absent or null. {@code names} is the
     * wire name, or several separated by {@code |}, read in that order of preference ({@code
     * "ts|ls"}: {@code ts}, else {@code ls}).
     */
    public <V> @Nullable V get(String names, JsonAdapter<V> adapter) {
      return take(names, adapter, false, null);
    }

    /** {@link #get(String, JsonAdapter)}, and written from {@code accessor} in a request body. */
    public <V> @Nullable V get(String names, JsonAdapter<V> adapter, Function<T, @Nullable V> accessor) {
      return take(names, adapter, false, accessor);
    }

    /** The value of field {@code names}; an object without it does not read. */
    public <V> V required(String names, JsonAdapter<V> adapter) {
      return take(names, adapter, true, null);
    }

    /** {@link #required(String, JsonAdapter)}, and written from {@code accessor}. */
    public <V> V required(String names, JsonAdapter<V> adapter, Function<T, V> accessor) {
      return take(names, adapter, true, accessor);
    }

    /** A list field of {@code element} values; a null element does not read. */
    public <V> @Nullable List<V> list(String names, JsonAdapter<V> element) {
      return take(names, values == null ? ValueAdapters.listOf(element) : null, false, null);
    }

    /** {@link #list(String, JsonAdapter)}, and written from {@code accessor}. */
    public <V> @Nullable List<V> list(String names, JsonAdapter<V> element, Function<T, List<V>> accessor) {
      return take(names, values == null ? ValueAdapters.listOf(element) : null, false, accessor);
    }

    /** A boolean field that is false when absent or null. */
    public boolean flag(String names) {
      return Boolean.TRUE.equals(take(names, ValueAdapters.BOOLEAN, false, null));
    }

    /** {@link #flag(String)}, and written from {@code accessor}. */
    public boolean flag(String names, Function<T, Boolean> accessor) {
      return Boolean.TRUE.equals(take(names, ValueAdapters.BOOLEAN, false, accessor));
    }

    /** A field whose value is skipped and not kept among {@link #others()}. */
    public void ignore(String names) {
      take(names, null, false, null);
    }

    /** Every field of the object the shape does not ask for, by name, as read; never null. */
    public Map<String, @Nullable Object> others() {
      if (values == null) {
        keepsOthers = true;
        return Map.of();
      }
      return others == null ? Map.of() : others;
    }

    /** The adapter being made, for a record that holds records of its own type. */
    public JsonAdapter<T> self() {
      return owner;
    }

    @SuppressWarnings("unchecked")
    private <V> @Nullable V take(
        String names, @Nullable JsonAdapter<V> adapter, boolean required, @Nullable Function<T, ?> accessor) {
      if (values == null) {
        described.add(new Field<>(names, adapter, required, accessor));
        return null;
      }
      int field = next++;
      if (field == owner.singleIndex.length) {
        throw new IllegalStateException("The shape of " + owner.type.getSimpleName()
            + " asks for more fields than it did when described: build records only from the values"
            + " of fields, never inside the shape before its last field");
      }
      int index = owner.singleIndex[field];
      return (V) (index >= 0 ? values[index] : owner.fields.get(field).value(values));
    }
  }

  /** One field: its wire names, the adapter of its value, and how to write it, if it is sent. */
  private static final class Field<T> {
    final String[] names;
    final @Nullable JsonAdapter<?> adapter;
    final boolean required;
    final @Nullable Function<T, ?> accessor;
    int firstIndex;

    Field(String names, @Nullable JsonAdapter<?> adapter, boolean required, @Nullable Function<T, ?> accessor) {
      this.names = names.split("\\|");
      this.adapter = adapter;
      this.required = required;
      this.accessor = accessor;
    }

    @Nullable Object value(@Nullable Object[] values) {
      for (int i = firstIndex; i < firstIndex + names.length; i++) {
        if (values[i] != null) {
          return values[i];
        }
      }
      return null;
    }

    @SuppressWarnings("unchecked")
    void write(JsonWriter out, T record) throws IOException {
      Object value = accessor.apply(record);
      if (value == null
          || value instanceof Collection<?> collection && collection.isEmpty()
          || value instanceof Map<?, ?> map && map.isEmpty()) {
        return;
      }
      ((JsonAdapter<Object>) adapter).toJson(out.name(names[0]), value);
    }
  }
}
