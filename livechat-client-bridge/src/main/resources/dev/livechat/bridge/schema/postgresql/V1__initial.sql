-- One row per conversation (a person on the other channel): its visitor token, kept forever, and
-- its current room. Every change of room goes through this row's lock.
CREATE TABLE bridge_conversation (
  conv_key           VARCHAR(200) PRIMARY KEY,
  visitor_token      VARCHAR(64)  NOT NULL UNIQUE,
  room_id            VARCHAR(64),
  state              VARCHAR(8)   NOT NULL,
  room_generation    INT          NOT NULL DEFAULT 0,
  profile_name       VARCHAR(200),
  profile_email      VARCHAR(200),
  profile_phone      VARCHAR(64),
  profile_version    INT          NOT NULL DEFAULT 0,
  registered_version INT          NOT NULL DEFAULT -1,
  last_seq           BIGINT       NOT NULL DEFAULT 0,
  done_seq           BIGINT       NOT NULL DEFAULT 0,
  attempts           INT          NOT NULL DEFAULT 0,
  next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  claim_owner        VARCHAR(100),
  claim_until        TIMESTAMP WITH TIME ZONE,
  reply_claim_owner  VARCHAR(100),
  reply_claim_until  TIMESTAMP WITH TIME ZONE,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bridge_conversation_due ON bridge_conversation (next_attempt_at)
  WHERE last_seq > done_seq OR (registered_version >= 0 AND profile_version > registered_version);
CREATE INDEX bridge_conversation_room ON bridge_conversation (room_id);

-- The outbox: every inbound message, recorded before anything goes to the server.
CREATE TABLE bridge_outbox (
  conv_key     VARCHAR(200) NOT NULL,
  seq          BIGINT       NOT NULL,
  external_id  VARCHAR(200) NOT NULL,
  message_id   VARCHAR(32)  NOT NULL,
  msg_text     TEXT         NOT NULL,
  state        VARCHAR(8)   NOT NULL,
  room_id      VARCHAR(64),
  attempts     INT          NOT NULL DEFAULT 0,
  last_error   VARCHAR(500),
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (conv_key, seq),
  CONSTRAINT bridge_outbox_external UNIQUE (conv_key, external_id),
  CONSTRAINT bridge_outbox_message UNIQUE (message_id)
);
CREATE INDEX bridge_outbox_finished ON bridge_outbox (finished_at) WHERE finished_at IS NOT NULL;

-- Inbound messages the server refused for good.
CREATE TABLE bridge_dead_letter (
  conv_key     VARCHAR(200)  NOT NULL,
  seq          BIGINT        NOT NULL,
  external_id  VARCHAR(200)  NOT NULL,
  message_id   VARCHAR(32)   NOT NULL,
  msg_text     TEXT          NOT NULL,
  code         VARCHAR(200),
  reason       VARCHAR(1000) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (conv_key, seq)
);

-- Agents' replies, once each by message id, until the reply sender took them.
CREATE TABLE bridge_reply (
  message_id      VARCHAR(64)  PRIMARY KEY,
  conv_key        VARCHAR(200) NOT NULL,
  room_id         VARCHAR(64)  NOT NULL,
  msg_text        TEXT         NOT NULL,
  agent_username  VARCHAR(200),
  sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  delivered_at    TIMESTAMP WITH TIME ZONE,
  attempts        INT          NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_error      VARCHAR(500)
);
CREATE INDEX bridge_reply_pending ON bridge_reply (conv_key, sent_at) WHERE delivered_at IS NULL;
CREATE INDEX bridge_reply_room ON bridge_reply (room_id, sent_at);

-- Every room a conversation had, and who follows it over realtime (the lease).
CREATE TABLE bridge_room (
  room_id      VARCHAR(64)  PRIMARY KEY,
  conv_key     VARCHAR(200) NOT NULL,
  generation   INT          NOT NULL,
  opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  closed_at    TIMESTAMP WITH TIME ZONE,
  lease_owner  VARCHAR(100),
  lease_until  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX bridge_room_conv ON bridge_room (conv_key);
CREATE INDEX bridge_room_open ON bridge_room (lease_until) WHERE closed_at IS NULL;

-- Webhook deliveries seen, by LivechatWebhooks.deliveryKey, whichever instance received them.
CREATE TABLE bridge_webhook_delivery (
  delivery_key VARCHAR(400) PRIMARY KEY,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bridge_webhook_delivery_received ON bridge_webhook_delivery (received_at);
