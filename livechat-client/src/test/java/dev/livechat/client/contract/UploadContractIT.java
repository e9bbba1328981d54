package dev.livechat.client.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.livechat.client.FileUpload;
import dev.livechat.client.model.Attachment;
import dev.livechat.client.model.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The file upload against the official OpenAPI file: a multipart request with the visitor token in
 * the {@code x-visitor-token} header (which the file declares as required, so Prism reports it if
 * it is missing). The SDK must read the example answer, a message at the top level.
 */
class UploadContractIT extends ContractTestBase {
  private static final String TOKEN = "iNKE8a6k6cjbqWhWd";
  private static final String RID = "cbjQCtywHbuTYzmLx";

  @Test
  void uploadFileWithDescriptionMatchesTheFile() {
    FileUpload file = FileUpload.of("hello, contract".getBytes(StandardCharsets.UTF_8), "hello.txt", "text/plain")
        .withDescription("Here is the file");

    Message message = client.uploadFile(TOKEN, RID, file);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.url().encodedPath()).isEqualTo("/api/v1/livechat/upload/" + RID);
    assertThat(exchange.requestBody()).contains(
        "Content-Disposition: form-data; name=\"description\"", "Here is the file",
        "Content-Disposition: form-data; name=\"file\"; filename=\"hello.txt\"",
        "Content-Type: text/plain", "hello, contract");

    assertThat(message.id()).isNotNull().isEqualTo(exchange.string("_id"));
    assertThat(message.roomId()).isEqualTo(exchange.string("rid"));
    assertThat(message.timestamp()).isEqualTo(Instant.parse(exchange.string("ts")));
    assertThat(message.user()).isNotNull();
    assertThat(message.user().username()).isEqualTo(exchange.string("u", "username"));
    assertThat(message.file()).isNotNull();
    assertThat(message.file().id()).isEqualTo(exchange.string("file", "_id"));
    assertThat(message.file().name()).isEqualTo(exchange.string("file", "name"));
    assertThat(message.file().type()).isEqualTo(exchange.string("file", "type"));
    assertThat(message.attachments()).hasSize(1);
    Attachment attachment = message.attachments().get(0);
    assertThat(attachment.title()).isEqualTo(exchange.string("attachments", 0, "title"));
    assertThat(attachment.titleLink()).isEqualTo(exchange.string("attachments", 0, "title_link"));
    assertThat(attachment.description()).isEqualTo(exchange.string("attachments", 0, "description"));
    assertThat(attachment.imageUrl()).isEqualTo(exchange.string("attachments", 0, "image_url"));
    assertThat(attachment.imageType()).isEqualTo(exchange.string("attachments", 0, "image_type"));
    assertThat(attachment.imageSize())
        .isEqualTo(((Double) exchange.at("attachments", 0, "image_size")).longValue());
  }

  @Test
  void uploadFileWithoutDescriptionMatchesTheFile() {
    FileUpload file = FileUpload.of("no words".getBytes(StandardCharsets.UTF_8), "plain.txt", "text/plain");

    Message message = client.uploadFile(TOKEN, RID, file);

    assertThat(assertNoViolations()).isEmpty();
    Exchange exchange = lastExchange();
    assertThat(exchange.requestBody()).doesNotContain("name=\"description\"")
        .contains("Content-Disposition: form-data; name=\"file\"; filename=\"plain.txt\"");
    assertThat(message.id()).isNotNull().isEqualTo(exchange.string("_id"));
  }
}
