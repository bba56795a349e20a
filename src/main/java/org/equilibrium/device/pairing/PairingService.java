package org.equilibrium.device.pairing;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.people.AccessPolicy;
import org.equilibrium.people.Caller;
import org.equilibrium.people.ConflictException;
import org.equilibrium.people.ForbiddenException;
import org.equilibrium.people.InvalidInputException;
import org.equilibrium.people.NotFoundException;
import org.equilibrium.people.Role;

/**
 * Claiming and releasing MQTT devices. A device is claimed with the code its firmware announced in its
 * retained status (kept by the {@link DeviceRegistry}); a patient claims for themselves, a therapist for an
 * assigned patient, an administrator for anyone. Every pairing opens a {@link PairingPeriod}; unpairing closes
 * it, and neither touches stored data (it stays under the device tag).
 */
@Singleton
public class PairingService {
    private final DeviceRegistry registry;
    private final PairingPeriodRepository periods;
    private final AccessPolicy access;
    private final ClaimThrottle throttle;
    private final Clock clock;

    public PairingService(DeviceRegistry registry, PairingPeriodRepository periods, AccessPolicy access,
                          PairingSettings settings) {
        this.registry = registry;
        this.periods = periods;
        this.access = access;
        this.throttle = new ClaimThrottle(settings.maxFailuresOrDefault(), settings.windowOrDefault().toMillis());
        this.clock = Clock.systemUTC();
    }

    /**
     * Pairs device {@code deviceId} with a patient.
     *
     * @param patientId the patient; null means the caller (patients only)
     * @throws NotFoundException       no such device, or a patient the caller may not act for
     * @throws ForbiddenException      the code does not match (counted)
     * @throws ClaimThrottledException too many wrong codes for this device lately
     * @throws ConflictException       the device is already paired
     */
    public synchronized DeviceRecord claim(Caller caller, String deviceId, String claimCode, Long patientId,
                                           String displayName) {
        long patient = resolvePatient(caller, patientId);
        DeviceRecord device = registry.find(deviceId).orElseThrow(() -> new NotFoundException("no device " + deviceId));
        if (device.paired()) {
            // Do not tell a caller who may not see the owner anything beyond "taken".
            throw new ConflictException("device " + deviceId + " is already paired");
        }
        long now = clock.millis();
        long waitMs = throttle.retryAfterMs(deviceId, now);
        if (waitMs > 0) {
            throw new ClaimThrottledException(Math.max(1, (waitMs + 999) / 1000));
        }
        if (claimCode == null || claimCode.isBlank()) {
            throw new InvalidInputException("claim_code", "required");
        }
        if (device.claimCode() == null || !codesMatch(device.claimCode(), claimCode)) {
            throttle.failed(deviceId, now);
            throw new ForbiddenException("claim code does not match");
        }
        throttle.succeeded(deviceId);
        if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
            throw new InvalidInputException("display_name", "1 to 200 characters");
        }
        DeviceRecord paired = registry.setPatient(deviceId, Long.toString(patient),
                displayName == null ? null : displayName.strip()).orElseThrow();
        periods.save(new PairingPeriod(null, deviceId, patient, now, null, caller.accountId()));
        return paired;
    }

    /**
     * Checks, before anything is sent to a gateway, that the caller may pair a device to {@code patientId}
     * (null: the calling patient). Returns the patient.
     *
     * @throws NotFoundException     a patient the caller may not act for
     * @throws InvalidInputException no patient given by a caller who is not a patient
     */
    public long patientFor(Caller caller, Long patientId) {
        return resolvePatient(caller, patientId);
    }

    /**
     * Pairs a BLE device that a gateway has just linked. There is no claim code: BLE straps carry none, and
     * being in radio range of the gateway at the patient's home is the proof of possession (src/docs/ble.md,
     * "Pairing"). The device must be registered ({@link DeviceRegistry#register}).
     *
     * @throws ConflictException the device is already paired
     */
    public synchronized DeviceRecord pairLinked(Caller caller, String deviceId, Long patientId) {
        long patient = resolvePatient(caller, patientId);
        DeviceRecord device = registry.find(deviceId).orElseThrow(() -> new NotFoundException("no device " + deviceId));
        if (device.paired()) {
            if (device.patientId().equals(Long.toString(patient))) {
                return device; // pairing again to the same patient (e.g. a retried request) changes nothing
            }
            throw new ConflictException("device " + deviceId + " is already paired");
        }
        DeviceRecord paired = registry.setPatient(deviceId, Long.toString(patient), null).orElseThrow();
        periods.save(new PairingPeriod(null, deviceId, patient, clock.millis(), null, caller.accountId()));
        return paired;
    }

    /** Releases a paired device the caller may act for; its history stays. */
    public synchronized void unpair(Caller caller, String deviceId) {
        DeviceRecord device = registry.find(deviceId).orElseThrow(() -> new NotFoundException("no device " + deviceId));
        if (!device.paired() || !access.canReadPatient(caller, Long.parseLong(device.patientId()))) {
            throw new NotFoundException("no paired device " + deviceId);
        }
        long now = clock.millis();
        registry.setPatient(deviceId, null, null);
        for (PairingPeriod p : periods.findByDeviceIdAndToMsIsNull(deviceId)) {
            periods.update(new PairingPeriod(p.id(), p.deviceId(), p.patientId(), p.fromMs(), now, p.pairedBy()));
        }
    }

    public List<PairingPeriod> history(String deviceId) {
        return periods.findByDeviceIdOrderByFromMs(deviceId);
    }

    private long resolvePatient(Caller caller, Long patientId) {
        if (patientId == null) {
            if (caller.is(Role.PATIENT)) {
                return caller.accountId();
            }
            throw new InvalidInputException("patient_id", "required unless a patient claims for themselves");
        }
        access.requireReadPatient(caller, patientId);
        return patientId;
    }

    /** Case-insensitive, ignoring spaces and dashes (people type label codes loosely); constant time. */
    static boolean codesMatch(String expected, String given) {
        byte[] a = normalise(expected).getBytes(StandardCharsets.UTF_8);
        byte[] b = normalise(given).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }

    private static String normalise(String code) {
        return code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
