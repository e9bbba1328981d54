package dev.livechat.client.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.livechat.client.model.LivechatSettings;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code config.settings}. {@code limitTextLength} is {@code false} when messages are unlimited
 * and a number otherwise.
 */
final class LivechatSettingsAdapter extends JsonAdapter<LivechatSettings> {
  private static final JsonReader.Options NAMES = JsonReader.Options.of(
      "registrationForm", "nameFieldRegistrationForm", "emailFieldRegistrationForm",
      "allowSwitchingDepartments", "displayOfflineForm", "fileUpload", "transcript", "videoCall",
      "language", "historyMonitorType", "forceAcceptDataProcessingConsent", "showConnecting",
      "agentHiddenInfo", "clearLocalStorageWhenChatEnded", "visitorsCanCloseChat", "limitTextLength",
      "hiddenSystemMessages");

  private final JsonAdapter<String> strings;

  LivechatSettingsAdapter(JsonAdapter<String> strings) {
    this.strings = strings;
  }

  @Override
  public @Nullable LivechatSettings fromJson(JsonReader in) throws IOException {
    if (in.peek() == JsonReader.Token.NULL) {
      return in.nextNull();
    }
    Boolean[] flags = new Boolean[NAMES.strings().size()];
    String language = null;
    String historyMonitorType = null;
    Integer limitTextLength = null;
    List<String> hiddenSystemMessages = null;
    in.beginObject();
    while (in.hasNext()) {
      int index = in.selectName(NAMES);
      switch (index) {
        case 8 -> language = JsonFields.string(in);
        case 9 -> historyMonitorType = JsonFields.string(in);
        case 15 -> limitTextLength = in.peek() == JsonReader.Token.NUMBER ? Integer.valueOf(in.nextInt()) : skipToNull(in);
        case 16 -> hiddenSystemMessages = JsonFields.list(in, strings);
        case -1 -> JsonFields.skip(in);
        default -> flags[index] = JsonFields.bool(in);
      }
    }
    in.endObject();
    return new LivechatSettings(flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], flags[6],
        flags[7], language, historyMonitorType, flags[10], flags[11], flags[12], flags[13], flags[14],
        limitTextLength, hiddenSystemMessages);
  }

  private static @Nullable Integer skipToNull(JsonReader in) throws IOException {
    in.skipValue();
    return null;
  }

  @Override
  public void toJson(JsonWriter out, @Nullable LivechatSettings value) throws IOException {
    if (value == null) {
      out.nullValue();
      return;
    }
    out.beginObject();
    JsonFields.write(out, "registrationForm", value.registrationForm());
    JsonFields.write(out, "nameFieldRegistrationForm", value.nameFieldRegistrationForm());
    JsonFields.write(out, "emailFieldRegistrationForm", value.emailFieldRegistrationForm());
    JsonFields.write(out, "allowSwitchingDepartments", value.allowSwitchingDepartments());
    JsonFields.write(out, "displayOfflineForm", value.displayOfflineForm());
    JsonFields.write(out, "fileUpload", value.fileUpload());
    JsonFields.write(out, "transcript", value.transcript());
    JsonFields.write(out, "videoCall", value.videoCall());
    JsonFields.write(out, "language", value.language());
    JsonFields.write(out, "historyMonitorType", value.historyMonitorType());
    JsonFields.write(out, "forceAcceptDataProcessingConsent", value.forceAcceptDataProcessingConsent());
    JsonFields.write(out, "showConnecting", value.showConnecting());
    JsonFields.write(out, "agentHiddenInfo", value.agentHiddenInfo());
    JsonFields.write(out, "clearLocalStorageWhenChatEnded", value.clearLocalStorageWhenChatEnded());
    JsonFields.write(out, "visitorsCanCloseChat", value.visitorsCanCloseChat());
    if (value.limitTextLength() != null) {
      out.name("limitTextLength").value(value.limitTextLength());
    } else {
      out.name("limitTextLength").value(false);
    }
    JsonFields.writeList(out, "hiddenSystemMessages", strings, value.hiddenSystemMessages());
    out.endObject();
  }
}
