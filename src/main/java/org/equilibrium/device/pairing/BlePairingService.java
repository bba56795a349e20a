package org.equilibrium.device.pairing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.device.profile.StreamSpec;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.ingest.gateway.GatewayAck;
import org.equilibrium.ingest.gateway.GatewayDirectory;
import org.equilibrium.ingest.gateway.ScanEntry;
import org.equilibrium.ingest.gateway.ScanParser;
import org.equilibrium.people.Caller;
import org.equilibrium.people.ConflictException;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.people.NotFoundException;
import org.equilibrium.transport.mqtt.MqttPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs a BLE device from a gateway's scan list with a patient (src/docs/ble.md, "Pairing"): checks that the
 * caller may act for the patient, publishes the gateway's {@code connect} instruction with the characteristics
 * of the device profile, waits for the gateway's ack and then pairs {@code ble-<address>} through
 * {@link PairingService}. Nothing is sent when the caller may not act for the patient or the device is
 * someone else's.
 */
@Singleton
@Requires(beans = {MqttPublisher.class, ProfileRegistry.class})
public class BlePairingService {
    private static final Logger LOG = LoggerFactory.getLogger(BlePairingService.class);

    private final GatewayDirectory gateways;
    private final ProfileRegistry profiles;
    private final DeviceRegistry registry;
    private final PairingService pairing;
    private final MqttPublisher publisher;
    private final BlePairingSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    public BlePairingService(GatewayDirectory gateways, ProfileRegistry profiles, DeviceRegistry registry,
                             PairingService pairing, MqttPublisher publisher, BlePairingSettings settings) {
        this.gateways = gateways;
        this.profiles = profiles;
        this.registry = registry;
        this.pairing = pairing;
        this.publisher = publisher;
        this.settings = settings;
    }

    /**
     * @param patientId the patient; null means the caller (patients only)
     * @throws InvalidInputException       bad gateway id or address, or no patient named by a non-patient
     * @throws NotFoundException           the gateway has not reported the address, or a patient the caller may not act for
     * @throws ConflictException           no device profile matches the device, it is paired to another patient,
     *                                     or the gateway refused the instruction
     * @throws GatewayUnavailableException the instruction could not be published or was not acked in time
     */
    public DeviceRecord pair(Caller caller, String gatewayId, String address, Long patientId) {
        if (gatewayId == null || !DeviceId.isValid(gatewayId)) {
            throw new InvalidInputException("gateway_id", "1-64 characters of A-Za-z0-9._-");
        }
        String addr;
        try {
            addr = ScanParser.normaliseAddress(address);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("address", "a BLE address XX:XX:XX:XX:XX:XX");
        }
        long patient = pairing.patientFor(caller, patientId);
        ScanEntry entry = gateways.find(gatewayId, addr).orElseThrow(() -> new NotFoundException(
                "gateway " + gatewayId + " has not reported device " + addr + " in its latest scan"));
        registry.find(entry.deviceId()).ifPresent(d -> {
            if (d.paired() && !d.patientId().equals(Long.toString(patient))) {
                throw new ConflictException("device " + d.id() + " is already paired");
            }
        });
        DeviceProfile profile = (entry.profileId() == null ? null : profiles.byId(entry.profileId()).orElse(null));
        if (profile == null) {
            throw new ConflictException("no device profile matches device " + addr
                    + (entry.profileId() == null ? "" : " (the gateway named unknown profile " + entry.profileId() + ")"));
        }
        String requestId = "pair-" + UUID.randomUUID();
        String instruction = connectInstruction(requestId, addr, profile);
        GatewayAck ack = send(gatewayId, requestId, instruction);
        if (!ack.ok()) {
            throw new ConflictException("gateway " + gatewayId + " refused to link " + addr + ": " + ack.error());
        }
        gateways.linked(gatewayId, entry.deviceId());
        registry.register(new DeviceId(entry.deviceId()), profile.id(), clock.millis());
        DeviceRecord paired = pairing.pairLinked(caller, entry.deviceId(), patient);
        LOG.info("BLE device {} ({}) linked through gateway {} and paired to patient {}", entry.deviceId(), addr,
                gatewayId, patient);
        return paired;
    }

    /**
     * The gateway's {@code connect} instruction: the profile and its {@code streams.ble} characteristics (short
     * form for SIG ones, e.g. {@code 2a37}), in profile order without repeats.
     */
    String connectInstruction(String requestId, String address, DeviceProfile profile) {
        Set<String> chars = new LinkedHashSet<>();
        for (StreamSpec.BleStream s : profile.bleStreams()) {
            chars.add(s.characteristic().compact());
        }
        if (chars.isEmpty()) {
            throw new ConflictException("profile " + profile.id() + " has no BLE characteristics");
        }
        ObjectNode n = json.createObjectNode();
        n.put("id", requestId).put("op", "connect").put("address", address).put("profile", profile.id());
        chars.forEach(n.putArray("characteristics")::add);
        return n.toString();
    }

    private GatewayAck send(String gatewayId, String requestId, String instruction) {
        CompletableFuture<GatewayAck> ack = gateways.expectAck(gatewayId, requestId);
        try {
            publisher.sendGatewayInstruction(gatewayId, instruction).toCompletableFuture()
                    .get(settings.ackTimeoutOrDefault().toMillis(), TimeUnit.MILLISECONDS);
            return ack.get(settings.ackTimeoutOrDefault().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new GatewayUnavailableException("gateway " + gatewayId + " did not answer within "
                    + settings.ackTimeoutOrDefault().toSeconds() + " s; is it online?");
        } catch (ExecutionException e) {
            throw new GatewayUnavailableException("could not send to gateway " + gatewayId + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("interrupted while waiting for gateway " + gatewayId);
        } finally {
            gateways.forget(gatewayId, requestId);
        }
    }
}
