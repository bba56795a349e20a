package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.equilibrium.decode.RejectReason;
import org.junit.jupiter.api.Test;

class TopicParserTest {
    private final TopicParser parser = new TopicParser("", 256);

    @Test
    void splitsDeviceAndEveryContractStream() {
        assertThat(parser.parse("biofeedback/v1/strap-01/hr")).isEqualTo(
                new ParsedTopic("strap-01", StreamKind.HR, "hr", null));
        assertThat(parser.parse("biofeedback/v1/t.1_A/stim").kind()).isEqualTo(StreamKind.STIM);
        assertThat(parser.parse("biofeedback/v1/x/status").kind()).isEqualTo(StreamKind.STATUS);
        assertThat(parser.parse("biofeedback/v1/x/cmd").kind()).isEqualTo(StreamKind.CMD);
        assertThat(parser.parse("biofeedback/v1/x/cmd/ack").kind()).isEqualTo(StreamKind.CMD_ACK);
        assertThat(parser.parse("biofeedback/v1/x/truth").kind()).isEqualTo(StreamKind.TRUTH);
    }

    @Test
    void normalisesGattUuidsSoBothSpellingsNameOneStream() {
        assertThat(parser.parse("biofeedback/v1/x/gatt/2A37").stream()).isEqualTo("gatt/2a37");
        assertThat(parser.parse("biofeedback/v1/x/gatt/00002A37-0000-1000-8000-00805F9B34FB").stream())
                .isEqualTo("gatt/2a37");
        assertThat(parser.parse("biofeedback/v1/x/gatt/E9B10001-7C1A-4D5E-9F3B-5E7175696C69").stream())
                .isEqualTo("gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69");
    }

    @Test
    void rejectsInvalidDeviceIds() {
        assertThat(parser.parse("biofeedback/v1/bad!id/hr").reject()).isEqualTo(RejectReason.BAD_DEVICE_ID);
        assertThat(parser.parse("biofeedback/v1/" + "a".repeat(65) + "/hr").reject())
                .isEqualTo(RejectReason.BAD_DEVICE_ID);
        assertThat(parser.parse("biofeedback/v1//hr").reject()).isEqualTo(RejectReason.BAD_DEVICE_ID);
    }

    @Test
    void rejectsUnknownStreamsAndBadGattUuids() {
        assertThat(parser.parse("biofeedback/v1/x/temperature").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("biofeedback/v1/x/gatt/2a3").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("biofeedback/v1/x/gatt/zz37").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("biofeedback/v1/x").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("biofeedback/v1/x/hr/extra").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("other/v1/x/hr").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
    }

    @Test
    void rejectsTopicsLongerThanTheLimitAsOversized() {
        TopicParser shortLimit = new TopicParser("", 30);
        assertThat(shortLimit.parse("biofeedback/v1/abcdefghijklmn/hr").reject()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(shortLimit.parse("biofeedback/v1/abc/hr").rejected()).isFalse();
    }

    @Test
    void honoursAPrefixInParsingAndInTheSubscription() {
        TopicParser tenant = new TopicParser("tenant7/", 256);
        assertThat(tenant.subscriptionFilter()).isEqualTo("tenant7/biofeedback/v1/+/#");
        assertThat(tenant.parse("tenant7/biofeedback/v1/dev/hr").deviceRaw()).isEqualTo("dev");
        assertThat(tenant.parse("biofeedback/v1/dev/hr").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.subscriptionFilter()).isEqualTo("biofeedback/v1/+/#");
    }

    @Test
    void routesTheGatewaysOwnTopicsWithTheGatewayIdAsDevice() {
        assertThat(parser.parse("biofeedback/v1/gateway/home-pi/scan")).isEqualTo(
                new ParsedTopic("home-pi", StreamKind.GATEWAY, "scan", null));
        assertThat(parser.parse("biofeedback/v1/gateway/home-pi/status")).isEqualTo(
                new ParsedTopic("home-pi", StreamKind.GATEWAY, "status", null));
        assertThat(parser.parse("biofeedback/v1/gateway/home-pi/cmd/ack")).isEqualTo(
                new ParsedTopic("home-pi", StreamKind.GATEWAY, "cmd/ack", null));
        assertThat(parser.parse("biofeedback/v1/gateway/home-pi/cmd").kind()).isEqualTo(StreamKind.GATEWAY);
    }

    @Test
    void aDeviceCalledGatewayKeepsItsContractStreams() {
        // The wire contract allows the device id "gateway"; only gateway/{gw}/{scan|status|cmd|cmd/ack} is a gateway.
        assertThat(parser.parse("biofeedback/v1/gateway/hr")).isEqualTo(
                new ParsedTopic("gateway", StreamKind.HR, "hr", null));
        assertThat(parser.parse("biofeedback/v1/gateway/status").kind()).isEqualTo(StreamKind.STATUS);
        assertThat(parser.parse("biofeedback/v1/gateway/cmd/ack").kind()).isEqualTo(StreamKind.CMD_ACK);
        assertThat(parser.parse("biofeedback/v1/gateway/gatt/2a37").kind()).isEqualTo(StreamKind.GATT);
    }

    @Test
    void otherTopicsUnderGatewayAreUnknownStreamsOfThatDevice() {
        assertThat(parser.parse("biofeedback/v1/gateway/home-pi/hr").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("biofeedback/v1/gateway/bad!gw/scan").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
        assertThat(parser.parse("biofeedback/v1/gateway/home-pi").reject()).isEqualTo(RejectReason.UNKNOWN_STREAM);
    }

    @Test
    void gapIsAStreamOfEveryDevice() {
        assertThat(parser.parse("biofeedback/v1/ble-deb163c13969/gap")).isEqualTo(
                new ParsedTopic("ble-deb163c13969", StreamKind.GAP, "gap", null));
    }
}
