package dev.livechat.client.testing.validators;

import java.util.List;

/**
 * One visitor route as its server-side validator sees it: where the validated parameters travel
 * and what they look like, so that {@link CaseGenerator} can make valid and invalid requests for it.
 *
 * @param method the HTTP method
 * @param path the path under {@code /api/v1/}, path parameters filled in
 * @param where where the validated parameters travel
 * @param fields the parameters, as the route's validator declares them (empty: nothing validated)
 * @param othersAllowed whether the validator lets unknown top-level parameters through
 */
record RouteShape(String method, String path, Where where, List<Field> fields, boolean othersAllowed) {

  /** Where a route's validated parameters travel. */
  enum Where {
    /** The query string (every value a string, a repeated name a list). */
    QUERY,
    /** A JSON body. */
    BODY,
    /** Path parameters only: no validator; queries and bodies are ignored by the server. */
    PATH,
    /** A multipart upload with the visitor token in the {@code x-visitor-token} header. */
    UPLOAD
  }

  /** The JSON types the validators declare. */
  enum Kind { STRING, NUMBER, BOOLEAN, OBJECT, ARRAY }

  /**
   * One parameter.
   *
   * @param name its name
   * @param kind its type
   * @param required whether the validator requires it
   * @param children an object's properties
   * @param item an array's item
   * @param othersAllowed for an object, whether unknown properties pass
   */
  record Field(String name, Kind kind, boolean required, List<Field> children, Field item, boolean othersAllowed) {
    static Field string(String name, boolean required) {
      return new Field(name, Kind.STRING, required, List.of(), null, false);
    }

    static Field number(String name, boolean required) {
      return new Field(name, Kind.NUMBER, required, List.of(), null, false);
    }

    static Field bool(String name, boolean required) {
      return new Field(name, Kind.BOOLEAN, required, List.of(), null, false);
    }

    static Field object(String name, boolean required, boolean othersAllowed, Field... children) {
      return new Field(name, Kind.OBJECT, required, List.of(children), null, othersAllowed);
    }

    static Field array(String name, boolean required, Field item) {
      return new Field(name, Kind.ARRAY, required, List.of(), item, false);
    }
  }

  String describe() {
    return method + " " + path;
  }
}
